package org.backpackbatch.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.backpackbatch.api.model.PageSummary;
import org.backpackbatch.emulator.AccountSpec;
import org.backpackbatch.emulator.BackpackEmulator;
import org.backpackbatch.emulator.EmulatorConfig;
import org.backpackbatch.emulator.FaultPlan;
import org.backpackbatch.store.RecordVersion;
import org.backpackbatch.store.Snapshot;
import org.backpackbatch.store.Store;
import org.backpackbatch.store.Include;
import org.backpackbatch.store.RunState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store failing under a running backup: a write that fails half way (the disk full), and a
 * second job that wants the same store, under any of its names. What was committed stays valid
 * and a re-run resumes.
 */
class BackupStoreFailureIT {

    private static final int PAGES = 150;
    private static final Pattern TEN_PERCENT_OR_MORE = Pattern.compile("(?m)^backup: ([1-9]0|100)% ");

    @TempDir
    Path dir;

    /**
     * SQLite's {@code max_page_count} holds for one connection only, so it is set on every
     * connection of the backup's own pool (Hikari's init SQL, a Spring property given to the
     * process): its writes then fail with SQLITE_FULL once the file has grown by a few pages.
     */
    @Test
    void aFullDiskFailsTheBackupWithExit1AndTheReRunResumesIt() throws Exception {
        try (BackpackEmulator emulator = BackpackEmulator.start(EmulatorConfig.defaults()
                .withAccounts(List.of(new AccountSpec("src", Integer.toString(PAGES)))).withRateLimit(null))) {
            BackpackEmulator.HostedAccount account = emulator.account("src");
            Path tokenFile = Files.writeString(dir.resolve("token"), account.token());
            Path store = dir.resolve("store.db");
            String[] backup = {"backup", "--account", account.baseUrl(), "--db", store.toString(), "--token-file", tokenFile.toString(),
                    "--rate", "off", "--progress", "none"};
            BackupCli.Run first = BackupCli.inProcess(backup);
            assertThat(first.exitCode()).as(first.err()).isZero();
            List<RecordVersion> firstRecords;
            try (Store session = Store.open(store, Store.Access.READ)) {
                firstRecords = SnapshotContents.records(session.snapshots(), 1);
            }

            // a long note on every page: the next snapshot has to store a few hundred kilobytes
            String longBody = "a note long enough to fill the store. ".repeat(80);
            for (PageSummary page : account.data().allPages()) {
                account.data().createNote(page.id(), "Grown", longBody);
            }
            // room for 40 more database pages (160 KiB): about one chunk (32 pages) of long notes, not two
            long maxPages = Long.parseLong(SnapshotContents.query(store, "PRAGMA page_count")) + 40;
            // the store's connections are HikariCP's, which reads a configuration file named by a system property
            Path hikari = Files.writeString(dir.resolve("hikari.properties"), "connectionInitSql=PRAGMA max_page_count = " + maxPages + "\n");
            BackupCli.Run full;
            try (BackupCli.Forked second = BackupCli.fork(dir, List.of("-Dhikaricp.configurationFile=" + hikari), backup)) {
                full = second.await(Duration.ofSeconds(60));
            }
            assertThat(full.exitCode()).as(full.err()).isEqualTo(1);
            assertThat(full.errorLines()).singleElement().asString()
                    .contains("SQLITE_FULL", "database or disk is full", "run the same command again")
                    .doesNotContain("INSERT", "rollback");
            assertThat(full.err().lines()).as("stderr: the error line alone, no stack trace").hasSize(1);
            assertThat(SnapshotContents.integrityCheck(store)).isEqualTo("ok");
            long storedBeforeFailure = Long.parseLong(SnapshotContents.query(store,
                    "SELECT count(*) FROM snapshot_worklist WHERE snapshot_id = 2 AND done = 1 AND page_id >= 0"));
            assertThat(storedBeforeFailure).as("pages stored before the disk was full").isBetween(1L, PAGES - 1L);

            try (Store session = Store.open(store, Store.Access.READ)) {
                assertThat(session.snapshots().snapshot(1).complete()).as("the earlier snapshot, still complete").isTrue();
                assertThat(SnapshotContents.records(session.snapshots(), 1)).as("the earlier snapshot, intact").isEqualTo(firstRecords);
                assertThat(session.snapshots().snapshot(2).state()).as("the failed snapshot").isEqualTo(RunState.FAILED);
                assertThat(session.snapshots().latestComplete(account.baseUrl())).map(Snapshot::id).contains(1L);
            }

            BackupCli.Run resumed = BackupCli.inProcess(backup);
            assertThat(resumed.exitCode()).as(resumed.err()).isZero();
            assertThat(resumed.out()).contains("snapshot 2 of " + account.baseUrl() + " complete (resumed)",
                    "records changed since the previous snapshot (" + 2 * PAGES + " added, 0 changed, 0 removed)");
            // a page stored before the failure and fetched again would cost two more; a loaded machine may
            // cost one retry of a request (the count holds retries)
            long notStoredYet = 2 * (PAGES - storedBeforeFailure);
            assertThat(resumed.requests()).as("each page not stored yet, and its emails").isBetween(notStoredYet, notStoredYet + 1);
            try (Store session = Store.open(store, Store.Access.READ)) {
                assertThat(SnapshotContents.pages(session.snapshots(), 2)).isEqualTo(AccountContents.of(account.data(), Include.ALL));
                assertThat(SnapshotContents.records(session.snapshots(), 1)).isEqualTo(firstRecords);
            }
            for (BackupCli.Run run : List.of(first, full, resumed)) {
                run.assertNoToken(account.token());
            }
            assertThat(SnapshotContents.filesContain(store, account.token())).isFalse();
        }
    }

    /**
     * The second job comes through every other name of the store: the same path, a symbolic link,
     * a {@code ..} spelling (all one lock, beside the store's real path) and a hard link (refused:
     * SQLite's -wal and -shm would be named after it). The running job's files are its owner's only.
     */
    @Test
    void aSecondBackupIntoABusyStoreIsRefusedHoweverItNamesTheStoreAndTheFirstCompletes() throws Exception {
        try (BackpackEmulator emulator = BackpackEmulator.start(EmulatorConfig.defaults()
                // 100 ms a request on 4 workers: 5 s of backup, time for the refused runs on a loaded machine
                .withAccounts(List.of(new AccountSpec("src", "200"))).withRateLimit(null).withFaults(new FaultPlan(100, 100, 0, 1)))) {
            BackpackEmulator.HostedAccount account = emulator.account("src");
            Path tokenFile = Files.writeString(dir.resolve("token"), account.token());
            Path store = dir.resolve("store.db");
            Files.createDirectory(dir.resolve("sub"));
            Path symlink = Files.createSymbolicLink(dir.resolve("link.db"), store.getFileName());
            Path dotDot = Path.of(dir + "/sub/../store.db");
            Path hardLink = dir.resolve("hard.db");

            Map<Path, BackupCli.Run> refused = new LinkedHashMap<>();
            Map<String, String> modes = new TreeMap<>();
            BackupCli.Run completed;
            try (BackupCli.Forked first = BackupCli.fork(dir, List.of(), backup(account, store, tokenFile))) {
                first.awaitErr(TEN_PERCENT_OR_MORE, Duration.ofSeconds(60));
                // first, while the backup surely runs: a loaded machine may take seconds for each refused run
                for (String name : List.of("store.db", "store.db-wal", "store.db-shm", "store.db.lock")) {
                    modes.put(name, PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(name))));
                }
                for (Path name : List.of(store, symlink, dotDot)) {
                    refused.put(name, BackupCli.inProcess(backup(account, name, tokenFile)));
                }
                Files.createLink(hardLink, store);
                refused.put(hardLink, BackupCli.inProcess(backup(account, hardLink, tokenFile)));
                Files.delete(hardLink);
                completed = first.await(Duration.ofSeconds(120));
            }
            refused.forEach((name, run) -> {
                assertThat(run.exitCode()).as("through %s: %s", name, run.err()).isEqualTo(2);
                assertThat(run.errorLines()).as("through %s", name).singleElement().asString().contains(name.equals(hardLink)
                        ? "the store " + hardLink + " has 2 names (hard links); SQLite cannot lock a database reached under two names"
                        : "another backpack-batch job is writing to " + name + "; run this one when it has finished");
                assertThat(run.out()).isEmpty();
            });
            assertThat(modes).as("the files of a store are its owner's only").isEqualTo(Map.of("store.db", "rw-------",
                    "store.db-wal", "rw-------", "store.db-shm", "rw-------", "store.db.lock", "rw-------"));

            assertThat(completed.exitCode()).as(completed.err()).isZero();
            assertThat(completed.out()).contains("snapshot 1 of " + account.baseUrl() + " complete").doesNotContain("resumed");
            assertThat(SnapshotContents.integrityCheck(store)).isEqualTo("ok");
            try (Store session = Store.open(store, Store.Access.READ)) {
                assertThat(session.snapshots().snapshots(null)).singleElement().satisfies(s -> assertThat(s.complete()).isTrue());
                assertThat(SnapshotContents.pages(session.snapshots(), 1)).isEqualTo(AccountContents.of(account.data(), Include.CORE));
            }
            refused.values().forEach(run -> run.assertNoToken(account.token()));
            completed.assertNoToken(account.token());
            assertThat(SnapshotContents.filesContain(store, account.token())).isFalse();
        }
    }

    private static String[] backup(BackpackEmulator.HostedAccount account, Path store, Path tokenFile) {
        return new String[] {"backup", "--account", account.baseUrl(), "--db", store.toString(), "--token-file", tokenFile.toString(),
                "--rate", "off", "--workers", "4", "--include", "core", "--progress", "plain"};
    }
}
