package org.backpackbatch.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.backpackbatch.metrics.PrometheusText.samples;
import static org.backpackbatch.metrics.PrometheusText.value;
import static org.backpackbatch.metrics.Runs.ACCOUNT;
import static org.backpackbatch.metrics.Runs.MIDNIGHT;
import static org.backpackbatch.metrics.Runs.backup;
import static org.backpackbatch.metrics.Runs.seconds;
import static org.backpackbatch.metrics.Runs.series;
import static org.backpackbatch.metrics.Runs.status;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.backpackbatch.api.Secrets;
import org.backpackbatch.app.RunSummary;
import org.backpackbatch.app.RunSummary.Operation;
import org.backpackbatch.app.RunSummary.Outcome;
import org.backpackbatch.metrics.PrometheusText.Family;
import org.junit.jupiter.api.Test;

/** What a scrape tells of the runs recorded: the health a user watches in Prometheus. */
class RunMetricsTest {

    private static final Instant NEXT_NIGHT = MIDNIGHT.plus(Duration.ofDays(1));

    private final RunMetrics metrics = new RunMetrics();

    @Test
    void aSucceededRunIsExposedInThePrometheusTextFormatWithEveryMetric() {
        metrics.record(backup(Outcome.SUCCEEDED, MIDNIGHT));

        Map<String, Family> scrape = PrometheusText.parse(metrics.scrape());

        Map<String, String> types = new LinkedHashMap<>();
        scrape.forEach((name, family) -> types.put(name, family.type()));
        assertThat(types).containsExactlyInAnyOrderEntriesOf(Map.of(
                "backpack_batch_last_run_start_timestamp_seconds", "gauge",
                "backpack_batch_last_run_status", "gauge",
                "backpack_batch_last_run_duration_seconds", "gauge",
                "backpack_batch_last_run_records_changed", "gauge",
                "backpack_batch_last_success_timestamp_seconds", "gauge",
                "backpack_batch_requests_total", "counter",
                "backpack_batch_rate_limited_answers_total", "counter",
                "backpack_batch_retries_total", "counter",
                "backpack_batch_failures_total", "counter"));
        assertThat(scrape.values()).allSatisfy(family -> assertThat(family.help()).isNotBlank());
        assertThat(value(scrape, RunMetrics.LAST_RUN_START, series())).isEqualTo(seconds(MIDNIGHT));
        assertThat(value(scrape, RunMetrics.LAST_RUN_STATUS, status("succeeded"))).isEqualTo(1);
        assertThat(value(scrape, RunMetrics.LAST_RUN_STATUS, status("failed"))).isZero();
        assertThat(value(scrape, RunMetrics.LAST_RUN_DURATION, series())).isEqualTo(90.5);
        assertThat(value(scrape, RunMetrics.LAST_RUN_RECORDS_CHANGED, series())).isEqualTo(5);
        assertThat(value(scrape, RunMetrics.LAST_SUCCESS, series())).isEqualTo(seconds(MIDNIGHT) + 90.5);
        assertThat(value(scrape, RunMetrics.REQUESTS, series())).isEqualTo(40);
        assertThat(value(scrape, RunMetrics.RATE_LIMITED, series())).isEqualTo(3);
        assertThat(value(scrape, RunMetrics.RETRIES, series())).isEqualTo(2);
        assertThat(value(scrape, RunMetrics.FAILURES, series())).isZero();
    }

    @Test
    void aFailedRunAfterASuccessShowsAsFailedAndLeavesTheLastSuccessWhereItWas() {
        metrics.record(backup(Outcome.SUCCEEDED, MIDNIGHT));
        metrics.record(backup(Outcome.FAILED, NEXT_NIGHT));

        Map<String, Family> scrape = PrometheusText.parse(metrics.scrape());

        assertThat(value(scrape, RunMetrics.LAST_RUN_STATUS, status("failed"))).isEqualTo(1);
        assertThat(value(scrape, RunMetrics.LAST_RUN_STATUS, status("succeeded"))).isZero();
        assertThat(value(scrape, RunMetrics.LAST_RUN_START, series())).isEqualTo(seconds(NEXT_NIGHT));
        assertThat(value(scrape, RunMetrics.LAST_SUCCESS, series())).isEqualTo(seconds(MIDNIGHT) + 90.5);
        assertThat(value(scrape, RunMetrics.FAILURES, series())).isEqualTo(1);
        assertThat(value(scrape, RunMetrics.REQUESTS, series())).isEqualTo(80);
    }

    @Test
    void aJobThatNeverSucceededHasItsLastSuccessAtZero() {
        metrics.record(backup(Outcome.INTERRUPTED, MIDNIGHT));

        Map<String, Family> scrape = PrometheusText.parse(metrics.scrape());

        assertThat(value(scrape, RunMetrics.LAST_SUCCESS, series())).isZero();
        assertThat(value(scrape, RunMetrics.LAST_RUN_STATUS, status("interrupted"))).isEqualTo(1);
        assertThat(value(scrape, RunMetrics.FAILURES, series())).isEqualTo(1);
    }

    @Test
    void aSucceededOutcomeWithANonZeroExitCodeShowsAsFailed() {
        RunSummary ok = backup(Outcome.SUCCEEDED, MIDNIGHT);
        metrics.record(new RunSummary(ok.job(), ok.operation(), ok.account(), ok.snapshot(), Outcome.SUCCEEDED, ok.counts(),
                ok.recordsChanged(), ok.requests(), ok.rateLimited(), ok.retries(), ok.startedAt(), ok.duration(), 4, null));

        Map<String, Family> scrape = PrometheusText.parse(metrics.scrape());

        assertThat(value(scrape, RunMetrics.LAST_RUN_STATUS, status("failed"))).isEqualTo(1);
        assertThat(value(scrape, RunMetrics.LAST_RUN_STATUS, status("succeeded"))).isZero();
        assertThat(value(scrape, RunMetrics.LAST_SUCCESS, series())).isZero();
    }

    @Test
    void aRunningRunShowsAsStartedWithTheFiguresOfTheLastEndedRun() {
        metrics.record(backup(Outcome.SUCCEEDED, MIDNIGHT));
        metrics.record(backup(Outcome.STARTED, NEXT_NIGHT));

        Map<String, Family> scrape = PrometheusText.parse(metrics.scrape());

        assertThat(value(scrape, RunMetrics.LAST_RUN_STATUS, status("started"))).isEqualTo(1);
        assertThat(value(scrape, RunMetrics.LAST_RUN_STATUS, status("succeeded"))).isZero();
        assertThat(value(scrape, RunMetrics.LAST_RUN_START, series())).isEqualTo(seconds(NEXT_NIGHT));
        assertThat(value(scrape, RunMetrics.LAST_RUN_DURATION, series())).isEqualTo(90.5);
        assertThat(value(scrape, RunMetrics.LAST_RUN_RECORDS_CHANGED, series())).isEqualTo(5);
        assertThat(value(scrape, RunMetrics.REQUESTS, series())).isEqualTo(40);
        assertThat(value(scrape, RunMetrics.FAILURES, series())).isZero();
    }

    @Test
    void eachAccountAndOperationHasSeriesOfItsOwn() {
        String other = "http://127.0.0.1:8080/globex";
        metrics.record(backup(Outcome.SUCCEEDED, MIDNIGHT));
        metrics.record(backup(other, Outcome.FAILED, NEXT_NIGHT));
        metrics.record(new RunSummary("forget-weekly", Operation.FORGET, null, null, Outcome.SUCCEEDED, Map.of(), 0, 0, 0, 0, MIDNIGHT,
                Duration.ofSeconds(1), 0, null));

        Map<String, Family> scrape = PrometheusText.parse(metrics.scrape());

        assertThat(value(scrape, RunMetrics.LAST_SUCCESS, series())).isEqualTo(seconds(MIDNIGHT) + 90.5);
        assertThat(value(scrape, RunMetrics.LAST_SUCCESS, series(other))).isZero();
        assertThat(value(scrape, RunMetrics.FAILURES, series())).isZero();
        assertThat(value(scrape, RunMetrics.FAILURES, series(other))).isEqualTo(1);
        assertThat(value(scrape, RunMetrics.LAST_SUCCESS, Map.of("job_name", "forget-weekly", "operation", "forget", "account", "")))
                .isEqualTo(seconds(MIDNIGHT) + 1);
        assertThat(samples(scrape, RunMetrics.LAST_RUN_STATUS)).hasSize(3 * RunSummary.Outcome.values().length);
    }

    @Test
    void noLabelHoldsAToken() {
        String token = "metrics-test-token-0123456789";
        Secrets.register(token);

        metrics.record(backup(ACCOUNT + "/" + token, Outcome.SUCCEEDED, MIDNIGHT));

        String scrape = metrics.scrape();
        assertThat(Secrets.leaksIn(scrape)).isFalse();
        assertThat(value(PrometheusText.parse(scrape), RunMetrics.FAILURES, series(ACCOUNT + "/[token]"))).isZero();
    }
}
