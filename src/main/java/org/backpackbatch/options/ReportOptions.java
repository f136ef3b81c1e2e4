package org.backpackbatch.options;

import java.nio.file.Path;
import org.backpackbatch.app.ReportRequest;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options of a report. */
public final class ReportOptions {

    @Mixin
    StoreOption store;

    @Option(names = "--out", required = true, paramLabel = "FILE.html", description = "The page to write; never the store itself.")
    Path out;

    @Option(names = "--force", description = "Replace --out when it is an existing file.")
    boolean force;

    public ReportRequest request() {
        return new ReportRequest(store.location(), out, force);
    }
}
