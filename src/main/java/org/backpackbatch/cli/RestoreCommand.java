package org.backpackbatch.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.backpackbatch.api.BackpackClient;
import org.backpackbatch.restore.Restore;
import org.backpackbatch.restore.RestoreTally;
import org.backpackbatch.store.Snapshot;
import org.backpackbatch.store.SnapshotSelectionException;
import org.backpackbatch.store.SnapshotStore;
import org.backpackbatch.store.StoreLock;
import org.backpackbatch.store.StoreSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "restore", mixinStandardHelpOptions = true, versionProvider = org.backpackbatch.Version.class,
        description = {"Replays a snapshot into the account at URL (the same account, or another one for a migration) "
                + "through the create endpoints, then restores order and tags.",
                "Safe to re-run: an interrupted restore continues where it stopped and never creates anything twice."})
final class RestoreCommand implements Callable<Integer>, ResumableCommand {

    private static final String TARGET_TOKEN_ENV = "BACKPACK_TARGET_TOKEN";

    @Spec
    private CommandSpec spec;

    @Mixin
    private AccountOptions accountOptions;

    @Option(names = "--db", required = true, paramLabel = "FILE", description = "The snapshot store (SQLite).")
    private Path db;

    @Option(names = "--target-token-file", paramLabel = "FILE",
            description = "File whose first line is the target account's token (else $" + TARGET_TOKEN_ENV + ").")
    private Path targetTokenFile;

    @Option(names = "--snapshot", paramLabel = "ID", description = "The snapshot to restore (default: the latest complete one).")
    private Long snapshotId;

    @Option(names = "--page", paramLabel = "ID", description = "Restore only this page (repeatable).")
    private List<Long> pages = new ArrayList<>();

    @Option(names = "--include-friends", description = "Also recreate pages other users shared with the account.")
    private boolean includeFriends;

    @Option(names = "--emails-as-notes", description = "Bring emails back as notes (the API cannot create emails).")
    private boolean emailsAsNotes;

    @Option(names = "--dry-run", description = "Print the plan (requests per kind) and change nothing in the target.")
    private boolean dryRun;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (BackpackClient target = accountOptions.client(targetTokenFile, TARGET_TOKEN_ENV);
             StoreLock lock = dryRun ? null : StoreLock.acquire(db, false);
             StoreSession session = StoreSession.open(db, false, !dryRun)) {
            Snapshot snapshot = chooseSnapshot(session.snapshots(), target.account().toString());
            Restore.Options options = new Restore.Options(pages, includeFriends, emailsAsNotes, accountOptions.workers, System.err);
            Restore.Result result;
            try {
                result = dryRun ? Restore.dryRun(session, target, snapshot, options) : Restore.run(session, target, snapshot, options);
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
            report(out, result);
        }
        return ExitCode.SUCCESS.code();
    }

    /** The snapshot given by id (it must be complete), else the latest complete one of the target or of the store's only account. */
    private Snapshot chooseSnapshot(SnapshotStore store, String targetUrl) {
        if (snapshotId != null) {
            Snapshot snapshot = store.snapshot(snapshotId);
            if (!snapshot.complete()) {
                throw new SnapshotSelectionException("snapshot " + snapshotId + " is " + snapshot.status()
                        + ", not complete; restore needs a complete snapshot (run the backup again to complete it)");
            }
            return snapshot;
        }
        return store.latestComplete(targetUrl).orElseGet(() -> {
            List<String> accounts = store.snapshots(null).stream().filter(Snapshot::complete).map(Snapshot::account).distinct().toList();
            if (accounts.size() != 1) {
                throw new SnapshotSelectionException(accounts.isEmpty() ? "the store has no complete snapshot to restore"
                        : "the store holds snapshots of " + accounts.size() + " accounts; choose one with --snapshot ID");
            }
            return store.latestComplete(accounts.get(0)).orElseThrow();
        });
    }

    private void report(PrintWriter out, Restore.Result result) {
        Snapshot snapshot = result.snapshot();
        RestoreTally tally = dryRun ? result.planned() : result.sent();
        out.printf("%s snapshot %d of %s %s%n", dryRun ? "plan to restore" : "restored" + (result.resumed() ? " (resumed)" : ""),
                snapshot.id(), snapshot.account(), what(result, tally));
        for (RestoreTally.Request request : RestoreTally.Request.values()) {
            long count = tally.count(request);
            if (count > 0 || !dryRun) {
                out.printf("  %-24s %d%n", request.label(), count);
            }
        }
        out.printf("  %-24s %d%n", dryRun ? "requests planned" : "requests sent", dryRun ? tally.total() : result.requests());
        if (!result.unrestorable().isEmpty()) {
            out.println(dryRun ? "will not be restored:" : "not restored:");
            result.unrestorable().forEach(line -> out.println("  " + line));
        }
        out.flush();
    }

    /** Where the snapshot goes and what that meant; a run that changed nothing says so instead of promising a replay. */
    private String what(Restore.Result result, RestoreTally tally) {
        String into = result.sameAccount() ? "into the account it was taken from" : "into another account";
        if (tally.total() - tally.count(RestoreTally.Request.READS) == 0) {
            String why = result.sameAccount() ? "everything it can restore is still there"
                    : "an earlier restore already created everything it can";
            return into + ": nothing " + (dryRun ? "is" : "was") + " left to do (" + why + ")";
        }
        return into + (result.sameAccount() ? ": only what no longer exists there is recreated" : ": everything is replayed");
    }
}
