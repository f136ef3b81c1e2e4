package org.backpackbatch.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.backpackbatch.emulator.AccountSpec;
import org.backpackbatch.emulator.BackpackEmulator;
import org.backpackbatch.emulator.EmulatorConfig;
import org.backpackbatch.emulator.FaultPlan;
import org.backpackbatch.store.Dialect;
import org.backpackbatch.store.Include;
import org.backpackbatch.store.RunState;
import org.backpackbatch.store.Snapshot;
import org.backpackbatch.store.Store;
import org.backpackbatch.store.TestStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backup killed half way (kill -9: no shutdown hook, no clean-up) is resumed by running the
 * same command again: the same snapshot is completed, only the pages the killed run had not
 * stored are fetched, and the result equals a backup that was never interrupted. Once for each
 * kind of store ({@link BackupResumeIT} on SQLite, {@link BackupResumeOnPostgresIT}).
 */
abstract class KilledBackupResumes {

    static final int PAGES = 200;
    static final int WORKERS = 4;
    /** Pages fetched but not yet committed when the process dies: at most the chunk being stored and the next. */
    private static final int FETCHED_AHEAD = Backup.fetchedAhead(WORKERS);
    private static final Pattern THIRTY_PERCENT_OR_MORE = Pattern.compile("(?m)^backup: ([3-9]0|100)% ");

    /** The kind of store the backups write to. */
    abstract Dialect dialect();

    @Test
    void aKilledBackupResumesWhereItStoppedAndEqualsAnUninterruptedOne(@TempDir Path dir) throws Exception {
        try (BackpackEmulator emulator = BackpackEmulator.start(EmulatorConfig.defaults()
                .withAccounts(List.of(new AccountSpec("src", Integer.toString(PAGES))))
                .withRateLimit(null)
                .withFaults(new FaultPlan(20, 20, 0, 1)))) {
            BackpackEmulator.HostedAccount account = emulator.account("src");
            Path tokenFile = Files.writeString(dir.resolve("token"), account.token() + "\n");
            TestStore store = TestStore.create(dialect(), dir);

            BackupCli.Run killed;
            try (BackupCli.Forked first = BackupCli.fork(dir, List.of(), backup(account, store.db(), tokenFile, WORKERS, "plain"))) {
                first.awaitErr(THIRTY_PERCENT_OR_MORE, Duration.ofSeconds(60));
                killed = first.kill();
            }
            long requestsOfTheKilledRun = account.requestCount();
            assertThat(killed.exitCode()).as("killed, not ended").isNotZero();
            assertThat(killed.out()).as("no summary from a killed run").doesNotContain("complete");
            long stored = Long.parseLong(store.query("SELECT count(*) FROM snapshot_worklist WHERE done = TRUE"));
            assertThat(stored).as("pages the killed run committed").isBetween(1L, PAGES - 1L);
            assertThat(SnapshotContents.state(store, 1)).isEqualTo(RunState.RUNNING);

            BackupCli.Run resumed;
            try (BackupCli.Forked second = BackupCli.fork(dir, List.of(), backup(account, store.db(), tokenFile, WORKERS, "plain"))) {
                resumed = second.await(Duration.ofSeconds(60));
            }
            assertThat(resumed.exitCode()).as(resumed.err()).isZero();
            assertThat(resumed.out()).contains("snapshot 1 of " + account.baseUrl() + " complete (resumed)",
                    "  " + PAGES + " pages,");
            assertThat(resumed.requests()).as("requests of the resumed run").isLessThan(PAGES + 1L)
                    .isEqualTo(PAGES - stored);
            assertThat(requestsOfTheKilledRun - 1 - stored).as("pages fetched twice: those in flight when the process died")
                    .isBetween(0L, (long) FETCHED_AHEAD);
            assertThat(account.requestCount()).isEqualTo(requestsOfTheKilledRun + resumed.requests());

            Path reference = dir.resolve("reference.db");
            // more workers only to save time: the content does not depend on them
            BackupCli.Run uninterrupted = BackupCli.inProcess(backup(account, reference.toString(), tokenFile, 8, "none"));
            assertThat(uninterrupted.exitCode()).as(uninterrupted.err()).isZero();

            try (Store resumedStore = store.open(Store.Access.READ);
                 Store referenceStore = Store.open(reference, Store.Access.READ)) {
                List<Snapshot> snapshots = resumedStore.snapshots().snapshots(null);
                assertThat(snapshots).as("one snapshot, completed by the second run").singleElement()
                        .satisfies(snapshot -> assertThat(snapshot.complete()).isTrue());
                Snapshot snapshot = snapshots.get(0);
                Snapshot expected = referenceStore.snapshots().latestComplete(account.baseUrl()).orElseThrow();
                assertThat(SnapshotContents.records(resumedStore.snapshots(), snapshot.id()))
                        .isEqualTo(SnapshotContents.records(referenceStore.snapshots(), expected.id()));
                assertThat(SnapshotContents.pages(resumedStore.snapshots(), snapshot.id()))
                        .isEqualTo(AccountContents.of(account.data(), Include.CORE));
                assertThat(snapshot.counts()).isEqualTo(expected.counts());
                assertThat(snapshot.changes()).isEqualTo(expected.changes());
                assertThat(resumedStore.jdbc().queryForObject("SELECT count(*) FROM BATCH_JOB_INSTANCE", Long.class))
                        .as("the resumed run restarted the killed job instance").isEqualTo(1);
                assertThat(resumedStore.jdbc().queryForObject("SELECT count(*) FROM snapshot_worklist", Long.class))
                        .as("the worklist, emptied on completion").isZero();
            }
            assertThat(BackupCli.inProcess("verify", "--db", store.db()).exitCode()).as("verify of the resumed store").isZero();
            for (BackupCli.Run run : List.of(killed, resumed, uninterrupted)) {
                run.assertNoToken(account.token());
            }
            assertThat(store.holds(account.token())).as("the token in the store").isFalse();
        }
    }

    static String[] backup(BackpackEmulator.HostedAccount account, String db, Path tokenFile, int workers, String progress) {
        return new String[] {"backup", "--account", account.baseUrl(), "--db", db, "--token-file", tokenFile.toString(),
                "--workers", Integer.toString(workers), "--rate", "off", "--include", "core", "--progress", progress};
    }
}
