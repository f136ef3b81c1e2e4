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
import org.backpackbatch.store.Snapshot;
import org.backpackbatch.store.Store;
import org.backpackbatch.store.Dialect;
import org.backpackbatch.store.RunState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On SQLite: a backup killed half way resumes ({@link KilledBackupResumes}); one stopped by
 * Ctrl-C says so, is marked interrupted, and is completed the same way.
 */
class BackupResumeIT extends KilledBackupResumes {

    @Override
    Dialect dialect() {
        return Dialect.SQLITE;
    }

    @Test
    void ctrlCStopsTheBackupAtAChunkBoundaryMarksItInterruptedAndTheSameCommandCompletesIt(@TempDir Path dir) throws Exception {
        int pages = 120;
        // 100 ms a request on 4 workers: a chunk of 16 pages takes 0.4 s, the whole backup about 3 s
        try (BackpackEmulator emulator = BackpackEmulator.start(EmulatorConfig.defaults()
                .withAccounts(List.of(new AccountSpec("src", Integer.toString(pages))))
                .withRateLimit(null)
                .withFaults(new FaultPlan(100, 100, 0, 1)))) {
            BackpackEmulator.HostedAccount account = emulator.account("src");
            Path tokenFile = Files.writeString(dir.resolve("token"), account.token() + "\n");
            Path store = dir.resolve("store.db");
            String[] backup = backup(account, store.toString(), tokenFile, WORKERS, "plain");

            BackupCli.Run interrupted;
            try (BackupCli.Forked run = BackupCli.fork(dir, List.of(), backup)) {
                run.awaitErr(Pattern.compile("(?m)^backup: [1-9]0% "), Duration.ofSeconds(60));
                interrupted = run.interrupt(Duration.ofSeconds(45));
            }
            assertThat(interrupted.exitCode()).as(interrupted.err()).isEqualTo(130);
            long stored = Long.parseLong(SnapshotContents.query(store, "SELECT count(*) FROM snapshot_worklist WHERE done = 1"));
            assertThat(stored).as("pages stored before the stop").isBetween(1L, pages - 1L);
            assertThat(interrupted.err().lines().filter(line -> line.startsWith("interrupted: ") || line.startsWith("error: ")))
                    .containsExactly("interrupted: snapshot 1 of " + account.baseUrl() + " stopped after " + stored + " of " + pages
                            + " pages; run the same command to resume it");
            assertThat(interrupted.err()).doesNotContain("\tat ");
            assertThat(interrupted.out()).doesNotContain("complete");

            List<String> listed = BackupCli.inProcess("snapshots", "--db", store.toString()).out().lines().toList();
            assertThat(listed).hasSize(2);
            assertThat(listed.get(1).strip().split(" +")[1]).isEqualTo("interrupted");
            assertThat(listed.get(1).indexOf("20")).as("the status fits its column: %s", listed)
                    .isEqualTo(listed.get(0).indexOf("STARTED"));
            assertThat(BackupCli.inProcess("verify", "--db", store.toString()).exitCode()).isZero();

            BackupCli.Run resumed = BackupCli.inProcess(backup);
            assertThat(resumed.exitCode()).as(resumed.err()).isZero();
            assertThat(resumed.out()).contains("snapshot 1 of " + account.baseUrl() + " complete (resumed)", "  " + pages + " pages,");
            assertThat(resumed.requests()).as("only the pages the stopped run had not stored").isEqualTo(pages - stored);
            assertThat(SnapshotContents.query(store, "SELECT group_concat(id) FROM snapshots")).isEqualTo("1");
            assertThat(SnapshotContents.state(store, 1)).isEqualTo(RunState.COMPLETE);
        }
    }
}
