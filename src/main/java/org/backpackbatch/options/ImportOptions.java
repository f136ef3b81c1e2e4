package org.backpackbatch.options;

import java.nio.file.Path;
import org.backpackbatch.app.ImportRequest;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options of an import. */
public final class ImportOptions {

    @Mixin
    StoreOption store;

    @Option(names = "--xml", required = true, paramLabel = "ARCHIVE", description = "The archive 'export --format xml' wrote.")
    Path archive;

    public ImportRequest request() {
        return new ImportRequest(store.location(), archive);
    }
}
