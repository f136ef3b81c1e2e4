package org.backpackbatch.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.backpackbatch.api.RateLimit;
import org.backpackbatch.backup.BackupCli;
import org.backpackbatch.emulator.AccountSpec;
import org.backpackbatch.emulator.BackpackEmulator;
import org.backpackbatch.emulator.EmulatorConfig;
import org.backpackbatch.emulator.FaultPlan;
import org.backpackbatch.store.Store;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rate-limit storm: while a backup spends the account's budget at the limit, a second client
 * (another process, its own throttle switched off) spends the same budget. The server answers
 * 503 to both; the backup waits them out, finishes, and holds everything a calm backup holds.
 */
class RateLimitStormIT {

    @Test
    void aBackupFinishesThroughAStormOf503sWithNothingLost(@TempDir Path dir) throws Exception {
        Path calm = dir.resolve("calm.db");
        try (BackpackEmulator healthy = FaultSuiteIT.start(FaultPlan.NONE)) {
            BackpackEmulator.HostedAccount source = healthy.account("src");
            FaultSuiteIT.untilDone(new ArrayList<>(), FaultSuiteIT.backup(source, calm, FaultSuiteIT.tokenFile(dir, "calm", source)));
        }
        List<BackupCli.Run> runs = new ArrayList<>();
        try (BackpackEmulator limited = BackpackEmulator.start(EmulatorConfig.defaults()
                .withAccounts(List.of(new AccountSpec("src", "40"))).withRateLimit(new RateLimit(20, Duration.ofSeconds(1))))) {
            BackpackEmulator.HostedAccount source = limited.account("src");
            Path tokenFile = FaultSuiteIT.tokenFile(dir, "limited", source);
            String[] storm = FaultSuiteIT.backup(source, dir.resolve("storm.db"), tokenFile);
            storm[8] = "8";
            String[] backup = FaultSuiteIT.backup(source, dir.resolve("store.db"), tokenFile);
            backup[10] = "20/1s";
            BackupCli.Run run;
            try (BackupCli.Forked second = BackupCli.fork(dir, List.of(), storm)) {
                // the storm is on once the server refuses its requests
                Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> limited.rateLimitedCount() > 0);
                run = BackupCli.inProcess(backup);
                runs.add(run);
                runs.add(second.await(Duration.ofSeconds(120)));
            }
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(limited.rateLimitedCount()).as("503s answered during the storm").isPositive();
            try (Store stormed = Store.open(dir.resolve("store.db"), Store.Access.READ);
                 Store reference = Store.open(calm, Store.Access.READ)) {
                assertThat(FaultSuiteIT.records(stormed, FaultSuiteIT.latest(stormed, source)))
                        .isEqualTo(FaultSuiteIT.records(reference, reference.snapshots().snapshots(null).get(0).id()));
            }
            FaultSuiteIT.assertNoTokenAnywhere(List.of(source.token()), runs, dir);
        }
    }
}
