package org.backpackbatch.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import org.backpackbatch.backup.BackupCli;
import org.backpackbatch.emulator.BackpackEmulator;
import org.backpackbatch.emulator.FaultPlan;
import org.backpackbatch.store.Store;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.backpackbatch.batch.BatchInfrastructure;

/**
 * Found by the soak: a run killed (kill -9) after Spring Batch created its job instance but before
 * it created the instance's first execution left a store no later run could use. Planted here as
 * that kill leaves it: the next backup deletes the empty instance and completes.
 */
class KilledBeforeFirstExecutionIT {

    @Test
    void aJobInstanceWithoutExecutionsDoesNotBlockTheNextRun(@TempDir Path dir) throws Exception {
        try (BackpackEmulator emulator = FaultSuiteIT.start(FaultPlan.NONE)) {
            BackpackEmulator.HostedAccount source = emulator.account("src");
            Path store = dir.resolve("store.db");
            String[] backup = FaultSuiteIT.backup(source, store, FaultSuiteIT.tokenFile(dir, "healthy", source));
            FaultSuiteIT.untilDone(new ArrayList<>(), backup);
            try (Store session = Store.open(store, Store.Access.WRITE)) {
                // the parameters of the next backup, whose snapshot will be number 2
                BatchInfrastructure.on(session).repository().createJobInstance("backup", new JobParametersBuilder().addLong("snapshot", 2L)
                        .addString("account", source.baseUrl(), false).toJobParameters());
            }

            BackupCli.Run run = BackupCli.inProcess(backup);

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).contains("snapshot 2 of " + source.baseUrl() + " complete");
        }
    }
}
