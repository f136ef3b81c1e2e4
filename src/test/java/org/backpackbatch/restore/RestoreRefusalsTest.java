package org.backpackbatch.restore;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.backpackbatch.backup.BackupCli;
import org.backpackbatch.emulator.AccountSpec;
import org.backpackbatch.emulator.BackpackEmulator;
import org.backpackbatch.emulator.EmulatorConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a restore refuses, and with which exit code: an unknown or incomplete snapshot or page
 * (2, usage), a refused target token (3); a target that keeps failing (1) is {@link RestoreRefusalsIT}'s.
 * One clear line, no stack trace.
 */
class RestoreRefusalsTest {

    @TempDir
    Path dir;

    private BackpackEmulator emulator;
    private BackpackEmulator.HostedAccount target;
    private Path store;
    private Path targetToken;
    private long snapshot;

    @BeforeEach
    void backUpASource() throws Exception {
        emulator = BackpackEmulator.start(EmulatorConfig.defaults()
                .withAccounts(List.of(new AccountSpec("src", "12"), new AccountSpec("dst", "empty"))).withRateLimit(null));
        BackpackEmulator.HostedAccount source = emulator.account("src");
        target = emulator.account("dst");
        store = dir.resolve("store.db");
        snapshot = RestoredContent.backUp(source, store, RestoreRoundTripTest.token(dir, source), "core");
        targetToken = RestoreRoundTripTest.token(dir, target);
    }

    @org.junit.jupiter.api.AfterEach
    void stop() {
        emulator.close();
    }

    @Test
    void anUnknownSnapshotIsAUsageError() {
        BackupCli.Run run = BackupCli.inProcess(RestoredContent.restore(store, target, targetToken, 999));
        assertRefused(run, 2, "999");
    }

    @Test
    void anIncompleteSnapshotIsAUsageError() {
        RestoredContent.execute(store, "UPDATE snapshots SET finished_at = NULL WHERE id = " + snapshot);
        BackupCli.Run run = BackupCli.inProcess(RestoredContent.restore(store, target, targetToken, snapshot));
        assertRefused(run, 2, "not complete");
    }

    @Test
    void anUnknownPageIsAUsageError() {
        BackupCli.Run run = BackupCli.inProcess(RestoredContent.restore(store, target, targetToken, snapshot, "--page", "999"));
        assertRefused(run, 2, "page 999");
    }

    @Test
    void aRefusedTargetTokenExitsWith3() throws Exception {
        Path wrong = Files.writeString(dir.resolve("wrong.token"), "0123456789abcdef0123456789abcdef01234567\n");
        BackupCli.Run run = BackupCli.inProcess(RestoredContent.restore(store, target, wrong, snapshot));
        assertRefused(run, 3, "");
        assertThat(target.data().allPages()).isEmpty();
    }

    static void assertRefused(BackupCli.Run run, int exitCode, String mention) {
        assertThat(run.exitCode()).as("exit code; stderr: %s", run.err()).isEqualTo(exitCode);
        assertThat(run.errorLines()).as("error lines").singleElement().asString().contains(mention);
        assertThat(run.err().lines().filter(line -> !line.isBlank())).as("one line on stderr, no stack trace").hasSize(1);
        assertThat(run.out()).doesNotContain("restored snapshot");
    }
}
