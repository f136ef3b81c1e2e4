package org.backpackbatch.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.backpackbatch.backup.BackupCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The daemon as a process of its own, stopped by SIGTERM in the middle of a backup. */
class ScheduleDaemonIT {

    @Test
    void sigtermStopsTheRunningBackupAndTheNextRunResumesIt(@TempDir Path dir) throws Exception {
        try (BackupJobs backups = new BackupJobs(dir, "0/1 * * * * ?", "120", 100)) {
            try (BackupCli.Forked daemon = BackupCli.fork(dir, List.of(), "schedule", "--jobs", backups.jobs.toString())) {
                ScheduleDaemonTest.await(() -> backups.pagesStored() > 0, Duration.ofSeconds(60));
                BackupCli.Run stopped = daemon.terminate(Duration.ofSeconds(45));
                // drained, it exits as every command does on SIGTERM: 143
                assertThat(stopped.exitCode()).as("stderr: %s", stopped.err()).isEqualTo(143);
            }
            assertThat(backups.completeSnapshots()).isZero();

            BackupCli.Run next = BackupCli.inProcess("schedule", "--jobs", backups.jobs.toString(), "--once", "nightly");

            assertThat(next.exitCode()).as(next.err()).isZero();
            assertThat(backups.completeSnapshots()).isEqualTo(1);
            assertThat(backups.query("SELECT count(*) FROM snapshots")).as("the stopped snapshot was completed, not a new one").isEqualTo(1);
        }
    }
}
