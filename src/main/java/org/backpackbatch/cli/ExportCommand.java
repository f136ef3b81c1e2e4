package org.backpackbatch.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.backpackbatch.export.SnapshotToExport;
import org.backpackbatch.export.SqliteExporter;
import org.backpackbatch.export.XmlArchiveWriter;
import org.backpackbatch.store.OutputFile;
import org.backpackbatch.store.Snapshot;
import org.backpackbatch.store.StoreFile;
import org.backpackbatch.store.StoreSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "export", mixinStandardHelpOptions = true, versionProvider = org.backpackbatch.Version.class,
        description = {"Writes one snapshot as a standalone SQLite file or an XML archive ('.gz' on the name means gzip).",
                "Without --snapshot: the latest complete snapshot of the store's only account. The same snapshot always"
                        + " gives the same bytes."})
final class ExportCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--db", required = true, paramLabel = "FILE", description = "The snapshot store (SQLite).")
    private Path db;

    @Option(names = "--snapshot", paramLabel = "ID", description = "The snapshot to export, as 'snapshots' lists it.")
    private Long snapshotId;

    @Option(names = "--format", required = true, paramLabel = "sqlite|xml", description = "sqlite: a file to query; xml: an archive 'import' reads back.")
    private String format;

    @Option(names = "--out", required = true, paramLabel = "PATH",
            description = "The file to write; never the store itself, nor anything but a regular file.")
    private Path out;

    @Option(names = "--force", description = "Replace --out when it is an existing file.")
    private boolean force;

    @Override
    public Integer call() {
        String chosen = format.strip().toLowerCase(Locale.ROOT);
        if (!chosen.equals("sqlite") && !chosen.equals("xml")) {
            throw new UsageException("--format must be sqlite or xml, not '" + format + "'");
        }
        long start = System.nanoTime();
        OutputFile target = OutputFile.at(out).replacing(force).sparing("the store being exported", StoreFile.files(db));
        // refused before the store is even opened; checked again when the file is put in place
        target.check();
        Snapshot snapshot;
        long pages;
        try (StoreSession session = StoreSession.open(db, false, false)) {
            snapshot = SnapshotToExport.choose(session.snapshots(), snapshotId);
            pages = chosen.equals("sqlite") ? SqliteExporter.write(session.snapshots(), snapshot, target)
                    : XmlArchiveWriter.write(session.snapshots(), snapshot, target);
        }
        PrintWriter printer = spec.commandLine().getOut();
        printer.printf(Locale.ROOT, "exported snapshot %d of %s (%d pages) to %s as %s in %.1f s%n", snapshot.id(), snapshot.account(),
                pages, out, chosen.equals("sqlite") ? "SQLite" : XmlArchiveWriter.isGzip(out) ? "a gzip XML archive" : "an XML archive",
                (System.nanoTime() - start) / 1e9);
        printer.flush();
        return ExitCode.SUCCESS.code();
    }
}
