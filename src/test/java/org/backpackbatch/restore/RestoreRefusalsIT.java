package org.backpackbatch.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.backpackbatch.restore.RestoreRefusalsTest.assertRefused;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.backpackbatch.backup.BackupCli;
import org.backpackbatch.emulator.AccountSpec;
import org.backpackbatch.emulator.BackpackEmulator;
import org.backpackbatch.emulator.EmulatorConfig;
import org.backpackbatch.emulator.FaultPlan;
import org.backpackbatch.store.RunState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A restore into a target whose every request fails (the emulator's fault plan): exit 1, and the store stays usable. */
class RestoreRefusalsIT {

    /**
     * A target that faults every request: the restore fails with exit 1 and a line saying what
     * failed; its run is left failed in the store, and a restore of the same snapshot into a
     * healthy target from the same store then completes.
     */
    @Test
    void aTargetThatKeepsFailingExitsWith1AndTheStoreStaysUsable(@TempDir Path dir) throws Exception {
        try (BackpackEmulator emulator = BackpackEmulator.start(EmulatorConfig.defaults()
                .withAccounts(List.of(new AccountSpec("src", "12"), new AccountSpec("dst", "empty"))).withRateLimit(null))) {
            BackpackEmulator.HostedAccount source = emulator.account("src");
            BackpackEmulator.HostedAccount target = emulator.account("dst");
            Path store = dir.resolve("store.db");
            long snapshot = RestoredContent.backUp(source, store, RestoreRoundTripTest.token(dir, source), "core");
            Path targetToken = RestoreRoundTripTest.token(dir, target);
            failThenRestore(dir, store, snapshot, target, targetToken);
        }
    }

    private static void failThenRestore(Path dir, Path store, long snapshot, BackpackEmulator.HostedAccount target, Path targetToken)
            throws Exception {
        try (BackpackEmulator broken = BackpackEmulator.start(EmulatorConfig.defaults()
                .withAccounts(List.of(new AccountSpec("dst", "empty"))).withRateLimit(null)
                .withFaults(new FaultPlan(0, 0, 1.0, 3)))) {
            BackpackEmulator.HostedAccount failing = broken.account("dst");
            Path failingToken = Files.writeString(dir.resolve("failing.token"), failing.token() + "\n");
            BackupCli.Run run = BackupCli.inProcess(RestoredContent.restore(store, failing, failingToken, snapshot, "--include-friends"));
            assertRefused(run, 1, failing.baseUrl());
            assertThat(RestoredContent.lastRunState(store)).isEqualTo(RunState.FAILED);
        }
        BackupCli.Run healthy = BackupCli.inProcess(RestoredContent.restore(store, target, targetToken, snapshot, "--include-friends"));
        assertThat(healthy.exitCode()).as(healthy.err()).isZero();
        assertThat(target.data().allPages()).hasSize(12);
    }
}
