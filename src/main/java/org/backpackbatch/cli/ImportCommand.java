package org.backpackbatch.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.backpackbatch.export.ArchiveImporter;
import org.backpackbatch.store.Snapshot;
import org.backpackbatch.store.StoreFile;
import org.backpackbatch.store.StoreLock;
import org.backpackbatch.store.StoreSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "import", mixinStandardHelpOptions = true, versionProvider = org.backpackbatch.Version.class,
        description = {"Reads an XML archive (plain or .gz) into the store FILE as a new complete snapshot of the account it names, "
                + "so that it can be diffed, verified, exported and restored like any other.",
                "A broken archive changes nothing."})
final class ImportCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--db", required = true, paramLabel = "FILE", description = "The snapshot store (SQLite); created when missing.")
    private Path db;

    @Option(names = "--xml", required = true, paramLabel = "ARCHIVE", description = "The archive 'export --format xml' wrote.")
    private Path archive;

    @Override
    public Integer call() {
        long start = System.nanoTime();
        boolean storeExisted = Files.exists(db);
        Snapshot snapshot;
        Optional<String> suspect;
        try (StoreLock lock = StoreLock.acquire(db, true)) {
            try (StoreSession session = StoreSession.open(db, true, true)) {
                snapshot = ArchiveImporter.importArchive(session, archive);
                suspect = SnapshotSummary.suspectWarning(session.snapshots(), snapshot);
            } catch (RuntimeException e) {
                if (!storeExisted) {
                    removeNewStore();
                }
                throw e;
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf("snapshot %d of %s imported from %s%n", snapshot.id(), snapshot.account(), archive);
        SnapshotSummary.print(out, snapshot);
        out.printf(Locale.ROOT, "  in %.1f s%n", (System.nanoTime() - start) / 1e9);
        out.flush();
        suspect.ifPresent(spec.commandLine().getErr()::println);
        return ExitCode.SUCCESS.code();
    }

    /** A store this import created and could not fill goes again, so a failed import leaves nothing behind. */
    private void removeNewStore() {
        for (Path file : StoreFile.sqliteFiles(db)) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // an empty store left behind is harmless
            }
        }
    }
}
