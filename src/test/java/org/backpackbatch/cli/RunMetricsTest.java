package org.backpackbatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.backpackbatch.backup.BackupCli;
import org.backpackbatch.emulator.AccountSpec;
import org.backpackbatch.emulator.BackpackEmulator;
import org.backpackbatch.emulator.EmulatorConfig;
import org.backpackbatch.metrics.PrometheusText;
import org.backpackbatch.metrics.RunMetrics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What Prometheus reads of a cron user's runs: the metrics file; a failed run never reads as a success. */
class RunMetricsTest {

    @TempDir
    static Path dir;

    private static BackpackEmulator emulator;
    private static BackpackEmulator.HostedAccount account;
    private static Path token;
    private static Path wrongToken;

    @BeforeAll
    static void start() throws IOException {
        emulator = BackpackEmulator.start(EmulatorConfig.defaults().withAccounts(List.of(new AccountSpec("acme", "demo"))).withRateLimit(null));
        account = emulator.account("acme");
        token = Files.writeString(dir.resolve("acme.token"), account.token() + "\n");
        wrongToken = Files.writeString(dir.resolve("wrong.token"), "0123456789abcdef0123456789abcdef01234567\n");
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    private static Map<String, String> series(String job, String status) {
        return status == null ? Map.of(RunMetrics.JOB_LABEL, job, RunMetrics.OPERATION_LABEL, "backup", RunMetrics.ACCOUNT_LABEL, account.baseUrl())
                : Map.of(RunMetrics.JOB_LABEL, job, RunMetrics.OPERATION_LABEL, "backup", RunMetrics.ACCOUNT_LABEL, account.baseUrl(),
                        RunMetrics.STATUS_LABEL, status);
    }

    @Test
    void aMetricsFileShowsASuccessThenAFailureAsFailedAndKeepsTheLastSuccess() throws Exception {
        Path metrics = dir.resolve("backpack.prom");
        Path store = dir.resolve("file.db");
        BackupCli.Run ok = BackupCli.inProcess("backup", "--account", account.baseUrl(), "--token-file", token.toString(), "--db",
                store.toString(), "--progress", "none", "--metrics-file", metrics.toString());
        assertThat(ok.exitCode()).as(ok.err()).isZero();
        var afterSuccess = PrometheusText.parse(Files.readString(metrics));
        double lastSuccess = PrometheusText.value(afterSuccess, RunMetrics.LAST_SUCCESS, series("backup", null));
        assertThat(lastSuccess).isPositive();
        assertThat(PrometheusText.value(afterSuccess, RunMetrics.LAST_RUN_STATUS, series("backup", "succeeded"))).isEqualTo(1);

        BackupCli.Run refused = BackupCli.inProcess("backup", "--account", account.baseUrl(), "--token-file", wrongToken.toString(), "--db",
                store.toString(), "--progress", "none", "--metrics-file", metrics.toString());
        assertThat(refused.exitCode()).isEqualTo(3);
        var afterFailure = PrometheusText.parse(Files.readString(metrics));
        assertThat(PrometheusText.value(afterFailure, RunMetrics.LAST_RUN_STATUS, series("backup", "failed"))).isEqualTo(1);
        assertThat(PrometheusText.value(afterFailure, RunMetrics.LAST_RUN_STATUS, series("backup", "succeeded"))).isZero();
        assertThat(PrometheusText.value(afterFailure, RunMetrics.LAST_SUCCESS, series("backup", null))).isEqualTo(lastSuccess);
        assertThat(PrometheusText.value(afterFailure, RunMetrics.FAILURES, series("backup", null))).isEqualTo(1);
        assertThat(Files.readString(metrics)).doesNotContain(account.token());
    }
}
