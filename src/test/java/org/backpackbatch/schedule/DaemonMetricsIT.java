package org.backpackbatch.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.backpackbatch.backup.BackupCli;
import org.backpackbatch.emulator.AccountSpec;
import org.backpackbatch.emulator.BackpackEmulator;
import org.backpackbatch.emulator.EmulatorConfig;
import org.backpackbatch.metrics.PrometheusText;
import org.backpackbatch.metrics.RunMetrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The daemon's metrics for Prometheus: its endpoint parses, its values change with the runs, a failed run shows as failed. */
class DaemonMetricsIT {

    @TempDir
    Path dir;

    private BackpackEmulator.HostedAccount account;

    private Map<String, String> series(String status) {
        return status == null ? Map.of(RunMetrics.JOB_LABEL, "nightly", RunMetrics.OPERATION_LABEL, "backup", RunMetrics.ACCOUNT_LABEL,
                account.baseUrl())
                : Map.of(RunMetrics.JOB_LABEL, "nightly", RunMetrics.OPERATION_LABEL, "backup", RunMetrics.ACCOUNT_LABEL, account.baseUrl(),
                        RunMetrics.STATUS_LABEL, status);
    }

    @Test
    void theDaemonServesItsRunsAndAFailedRunShowsAsFailed() throws Exception {
        try (BackpackEmulator emulator = BackpackEmulator.start(EmulatorConfig.defaults().withAccounts(List.of(new AccountSpec("acme", "demo")))
                .withRateLimit(null))) {
            account = emulator.account("acme");
            Path jobs = Files.createDirectories(dir.resolve("jobs"));
            Path jobToken = Files.writeString(dir.resolve("job.token"), account.token() + "\n");
            Files.writeString(jobs.resolve("nightly.yml"), "type: backup\ncron: '0/1 * * * * ?'\naccount: " + account.baseUrl() + "\ndb: "
                    + dir.resolve("daemon.db") + "\ntoken-file: " + jobToken + "\n");
            try (BackupCli.Forked daemon = BackupCli.fork(dir, List.of(), "schedule", "--jobs", jobs.toString(), "--metrics-port", "0")) {
                daemon.awaitErr(Pattern.compile("metrics at http://\\S+/metrics"), Duration.ofSeconds(60));
                Matcher address = Pattern.compile("metrics at (http://\\S+/metrics)").matcher(daemon.err());
                assertThat(address.find()).isTrue();
                URI endpoint = URI.create(address.group(1));

                Map<String, PrometheusText.Family> succeeded = scrapeUntil(endpoint, families ->
                        PrometheusText.value(families, RunMetrics.LAST_RUN_STATUS, series("succeeded")) == 1);
                assertThat(PrometheusText.value(succeeded, RunMetrics.LAST_SUCCESS, series(null))).isPositive();

                // the token is refused from now on: the next runs fail, and show so
                Files.writeString(jobToken, "0123456789abcdef0123456789abcdef01234567\n");
                Map<String, PrometheusText.Family> failed = scrapeUntil(endpoint, families ->
                        PrometheusText.value(families, RunMetrics.LAST_RUN_STATUS, series("failed")) == 1);
                assertThat(PrometheusText.value(failed, RunMetrics.LAST_RUN_STATUS, series("succeeded"))).isZero();
                assertThat(PrometheusText.value(failed, RunMetrics.LAST_SUCCESS, series(null)))
                        .isEqualTo(PrometheusText.value(succeeded, RunMetrics.LAST_SUCCESS, series(null)));
                assertThat(PrometheusText.value(failed, RunMetrics.FAILURES, series(null))).isGreaterThanOrEqualTo(1);
                daemon.terminate(Duration.ofSeconds(45));
            }
        }
    }

    /** Scrapes until {@code done} holds, each scrape checked against the text format. */
    private static Map<String, PrometheusText.Family> scrapeUntil(URI endpoint, Predicate<Map<String, PrometheusText.Family>> done)
            throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            HttpURLConnection scrape = (HttpURLConnection) endpoint.toURL().openConnection();
            assertThat(scrape.getResponseCode()).isEqualTo(200);
            String body;
            try (var in = scrape.getInputStream()) {
                body = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            }
            Map<String, PrometheusText.Family> families = PrometheusText.parse(body);
            try {
                if (done.test(families)) {
                    return families;
                }
            } catch (AssertionError notYet) {
                // the series is not there yet: no run has ended
            }
            assertThat(System.nanoTime()).as("waiting for %s", body).isLessThan(deadline);
            Thread.sleep(200);
        }
    }
}
