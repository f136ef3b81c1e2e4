package org.backpackbatch.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.backpackbatch.api.BackpackClient;
import org.backpackbatch.backup.Backup;
import org.backpackbatch.backup.BackupProgress;
import org.backpackbatch.backup.Include;
import org.backpackbatch.store.Snapshot;
import org.backpackbatch.store.StoreLock;
import org.backpackbatch.store.StoreSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "backup", mixinStandardHelpOptions = true, versionProvider = org.backpackbatch.Version.class,
        description = {"Takes one snapshot of the account into the snapshot store FILE (created when missing).",
                "Re-running after a failure resumes the failed run and completes that same snapshot."})
final class BackupCommand implements Callable<Integer>, ResumableCommand {

    @Spec
    private CommandSpec spec;

    @Mixin
    private AccountOptions accountOptions;

    @Option(names = "--token-file", paramLabel = "FILE", description = "File whose first line is the API token (else $BACKPACK_TOKEN).")
    private Path tokenFile;

    @Option(names = "--db", required = true, paramLabel = "FILE", description = "The snapshot store (SQLite).")
    private Path db;

    @Option(names = "--include", defaultValue = "all", paramLabel = "core|all",
            description = "core: pages/all and every full page; all (default) adds each page's emails.")
    private String include;

    @Option(names = "--progress", defaultValue = "auto", paramLabel = "auto|plain|none",
            description = "A live bar on a terminal, a line every 10%% (plain), or nothing (default ${DEFAULT-VALUE}).")
    private String progress;

    @Override
    public Integer call() {
        Backup.Options options;
        try {
            options = new Backup.Options(Include.parse(include), accountOptions.workers, BackupProgress.Mode.parse(progress));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        try (BackpackClient client = accountOptions.client(tokenFile, "BACKPACK_TOKEN");
             StoreLock lock = StoreLock.acquire(db, true);
             StoreSession session = StoreSession.open(db, true, true)) {
            Backup.Result result = Backup.run(session, client, options, System.err);
            Snapshot snapshot = result.snapshot();
            out.printf("snapshot %d of %s complete%s%n", snapshot.id(), snapshot.account(), result.resumed() ? " (resumed)" : "");
            SnapshotSummary.print(out, snapshot);
            out.printf("  %d requests in %.1f s%n", result.requests(), result.elapsed().toMillis() / 1000.0);
            out.flush();
            SnapshotSummary.suspectWarning(session.snapshots(), snapshot).ifPresent(spec.commandLine().getErr()::println);
        }
        return ExitCode.SUCCESS.code();
    }
}
