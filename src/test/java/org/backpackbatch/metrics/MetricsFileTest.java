package org.backpackbatch.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.backpackbatch.metrics.PrometheusText.samples;
import static org.backpackbatch.metrics.PrometheusText.value;
import static org.backpackbatch.metrics.Runs.MIDNIGHT;
import static org.backpackbatch.metrics.Runs.backup;
import static org.backpackbatch.metrics.Runs.seconds;
import static org.backpackbatch.metrics.Runs.series;
import static org.backpackbatch.metrics.Runs.status;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.backpackbatch.app.RunSummary;
import org.backpackbatch.app.RunSummary.Operation;
import org.backpackbatch.app.RunSummary.Outcome;
import org.backpackbatch.metrics.PrometheusText.Family;
import org.backpackbatch.store.OutputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --metrics-file} for cron users: each run is its own process, and node_exporter reads the file at any moment. */
class MetricsFileTest {

    @TempDir
    Path folder;

    @Test
    void aRunWritesTheScrapeToAPrivateFile() throws Exception {
        Path path = folder.resolve("backpack.prom");
        MetricsFile file = MetricsFile.at(path);
        RunMetrics metrics = file.read();
        metrics.record(backup(Outcome.SUCCEEDED, MIDNIGHT));

        file.write(metrics);

        assertThat(Files.readString(path)).isEqualTo(metrics.scrape());
        assertThat(value(PrometheusText.parse(Files.readString(path)), RunMetrics.LAST_RUN_STATUS, status("succeeded"))).isEqualTo(1);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path))).isEqualTo("rw-------");
        try (var files = Files.list(folder)) {
            assertThat(files).containsExactly(path);
        }
    }

    @Test
    void aFailedRunInALaterProcessShowsAsFailedAndKeepsTheEarlierSuccess() throws Exception {
        Path path = folder.resolve("backpack.prom");
        runInItsOwnProcess(path, backup(Outcome.SUCCEEDED, MIDNIGHT));
        runInItsOwnProcess(path, backup(Outcome.FAILED, MIDNIGHT.plus(Duration.ofDays(1))));

        Map<String, Family> written = PrometheusText.parse(Files.readString(path));

        assertThat(value(written, RunMetrics.LAST_RUN_STATUS, status("failed"))).isEqualTo(1);
        assertThat(value(written, RunMetrics.LAST_RUN_STATUS, status("succeeded"))).isZero();
        assertThat(value(written, RunMetrics.LAST_RUN_START, series())).isEqualTo(seconds(MIDNIGHT.plus(Duration.ofDays(1))));
        assertThat(value(written, RunMetrics.LAST_SUCCESS, series())).isEqualTo(seconds(MIDNIGHT) + 90.5);
        assertThat(value(written, RunMetrics.FAILURES, series())).isEqualTo(1);
        assertThat(value(written, RunMetrics.REQUESTS, series())).isEqualTo(80);
        assertThat(value(written, RunMetrics.RATE_LIMITED, series())).isEqualTo(6);
        assertThat(value(written, RunMetrics.RETRIES, series())).isEqualTo(4);
    }

    @Test
    void eachJobKeepsItsSeriesWhenAnotherWritesTheSameFile() throws Exception {
        Path path = folder.resolve("backpack.prom");
        String job = "weekly \"full\" \\ copy";
        runInItsOwnProcess(path, new RunSummary(job, Operation.EXPORT, Runs.ACCOUNT, 7L, Outcome.SUCCEEDED, Map.of(), 0, 0, 0, 0, MIDNIGHT,
                Duration.ofSeconds(3), 0, null));
        runInItsOwnProcess(path, backup(Outcome.SUCCEEDED, MIDNIGHT));
        runInItsOwnProcess(path, backup(Outcome.SUCCEEDED, MIDNIGHT.plus(Duration.ofDays(1))));

        Map<String, Family> written = PrometheusText.parse(Files.readString(path));

        assertThat(value(written, RunMetrics.LAST_SUCCESS, Map.of("job_name", job, "operation", "export", "account", Runs.ACCOUNT)))
                .isEqualTo(seconds(MIDNIGHT) + 3);
        assertThat(value(written, RunMetrics.LAST_SUCCESS, series())).isEqualTo(seconds(MIDNIGHT.plus(Duration.ofDays(1))) + 90.5);
        assertThat(samples(written, RunMetrics.LAST_SUCCESS)).hasSize(2);
    }

    @Test
    void aReaderNeverSeesAHalfWrittenFile() throws Exception {
        Path path = folder.resolve("backpack.prom");
        MetricsFile file = MetricsFile.at(path);
        RunMetrics metrics = file.read();
        for (int account = 0; account < 200; account++) {
            metrics.record(backup(Runs.ACCOUNT + account, Outcome.SUCCEEDED, MIDNIGHT));
        }
        file.write(metrics);
        int series = samples(PrometheusText.parse(Files.readString(path)), RunMetrics.LAST_SUCCESS).size();
        AtomicBoolean writing = new AtomicBoolean(true);
        List<String> damaged = new ArrayList<>();
        AtomicInteger reads = new AtomicInteger();
        Thread nodeExporter = new Thread(() -> {
            while (writing.get()) {
                reads.incrementAndGet();
                try {
                    if (samples(PrometheusText.parse(Files.readString(path)), RunMetrics.LAST_SUCCESS).size() != series) {
                        damaged.add("a scrape with missing series");
                    }
                } catch (Exception | AssertionError e) {
                    damaged.add(e.toString());
                }
            }
        });
        nodeExporter.start();

        for (int run = 0; run < 100; run++) {
            file.write(metrics);
        }
        writing.set(false);
        nodeExporter.join();

        assertThat(reads).hasPositiveValue();
        assertThat(damaged).isEmpty();
    }

    @Test
    void aPathThatCannotBeWrittenIsRefusedBeforeAnyRun() throws Exception {
        assertThatThrownBy(() -> MetricsFile.at(folder).read()).isInstanceOf(OutputFile.Refused.class)
                .hasMessage("cannot write " + folder + ": it is a folder, not a regular file");
        Path missing = folder.resolve("missing").resolve("backpack.prom");
        assertThatThrownBy(() -> MetricsFile.at(missing).read()).isInstanceOf(OutputFile.Refused.class)
                .hasMessageContaining("does not exist");
    }

    @Test
    void aDamagedFileIsReadAsNoHistoryAndReplaced() throws Exception {
        Path path = folder.resolve("backpack.prom");
        Files.writeString(path, "backpack_batch_last_success_timestamp_seconds{job_name=\"nightly\",operation=\"b\n\u0000\u00ff garbage\n");
        MetricsFile file = MetricsFile.at(path);
        RunMetrics metrics = file.read();
        metrics.record(backup(Outcome.FAILED, MIDNIGHT));

        file.write(metrics);

        Map<String, Family> written = PrometheusText.parse(Files.readString(path));
        assertThat(value(written, RunMetrics.LAST_SUCCESS, series())).isZero();
        assertThat(samples(written, RunMetrics.LAST_SUCCESS)).hasSize(1);
    }

    /** One cron run: a new process reads what the last one left, records its run and writes. */
    private static void runInItsOwnProcess(Path path, RunSummary run) {
        MetricsFile file = MetricsFile.at(path);
        RunMetrics metrics = file.read();
        metrics.record(run);
        file.write(metrics);
    }
}
