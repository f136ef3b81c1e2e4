package org.backpackbatch.options;

import java.nio.file.Path;
import org.backpackbatch.app.ExportRequest;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options of an export, on the command line and in an export job file. */
public final class ExportOptions {

    @Mixin
    StoreOption store;

    @Option(names = "--snapshot", paramLabel = "ID", description = "The snapshot to export, as 'snapshots' lists it.")
    Long snapshot;

    @Option(names = "--format", required = true, paramLabel = "sqlite|xml",
            description = "sqlite: a file to query; xml: an archive 'import' reads back.")
    ExportRequest.Format format;

    @Option(names = "--out", required = true, paramLabel = "PATH",
            description = "The file to write; never the store itself, nor anything but a regular file.")
    Path out;

    @Option(names = "--force", description = "Replace --out when it is an existing file.")
    boolean force;

    public ExportRequest request() {
        return new ExportRequest(store.location(), snapshot, format, out, force);
    }
}
