package org.backpackbatch.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;
import org.backpackbatch.api.Secrets;
import org.backpackbatch.app.RunObserver;
import org.backpackbatch.app.RunSummary;
import org.backpackbatch.app.RunSummary.Outcome;

/**
 * The health of the runs this process (and, through a {@link MetricsFile}, earlier processes)
 * reported, per job, operation and account, in a Micrometer Prometheus registry: what
 * {@link MetricsEndpoint} serves and {@link MetricsFile} writes. Only a run that succeeded moves
 * the last-success time, so a failed run can never pass for a success.
 */
public final class RunMetrics implements RunObserver {

    /** The content type of {@link #scrape()}: the Prometheus text exposition format 0.0.4. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    public static final String LAST_RUN_START = "backpack_batch_last_run_start_timestamp_seconds";
    public static final String LAST_RUN_STATUS = "backpack_batch_last_run_status";
    public static final String LAST_RUN_DURATION = "backpack_batch_last_run_duration_seconds";
    public static final String LAST_RUN_RECORDS_CHANGED = "backpack_batch_last_run_records_changed";
    public static final String LAST_SUCCESS = "backpack_batch_last_success_timestamp_seconds";
    public static final String REQUESTS = "backpack_batch_requests_total";
    public static final String RATE_LIMITED = "backpack_batch_rate_limited_answers_total";
    public static final String RETRIES = "backpack_batch_retries_total";
    public static final String FAILURES = "backpack_batch_failures_total";

    private static final Set<String> NAMES = Set.of(LAST_RUN_START, LAST_RUN_STATUS, LAST_RUN_DURATION, LAST_RUN_RECORDS_CHANGED,
            LAST_SUCCESS, REQUESTS, RATE_LIMITED, RETRIES, FAILURES);

    /** The labels of every series; {@code job_name}, as Prometheus renames a scraped {@code job} label to {@code exported_job}. */
    public static final String JOB_LABEL = "job_name";
    public static final String OPERATION_LABEL = "operation";
    public static final String ACCOUNT_LABEL = "account";
    /** The extra label of {@link #LAST_RUN_STATUS}: one series per outcome, 1 for the last run's and 0 for the others. */
    public static final String STATUS_LABEL = "status";

    /** Which job, operation and account a series is of, as its label values. */
    record Series(String job, String operation, String account) {

        static Series of(RunSummary run) {
            return new Series(label(run.job()), run.operation().name().toLowerCase(Locale.ROOT), label(run.account()));
        }

        /** A label value: never null (an operation on a whole store has no account), never a token. */
        private static String label(String value) {
            return value == null ? "" : Secrets.scrub(value);
        }

        Tags tags() {
            return Tags.of(JOB_LABEL, job, OPERATION_LABEL, operation, ACCOUNT_LABEL, account);
        }
    }

    /** One series' state; the gauges read its fields, which only {@link #record} and {@link #carryOver} write. */
    private static final class LastRun {
        volatile double startSeconds;
        volatile Outcome outcome;
        volatile double durationSeconds;
        volatile double recordsChanged;
        /** Zero until a run succeeded: the alert on an old last success then also fires for a job that never succeeded. */
        volatile double lastSuccessSeconds;
        Counter requests;
        Counter rateLimited;
        Counter retries;
        Counter failures;
    }

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<Series, LastRun> runs = new ConcurrentHashMap<>();

    /** Takes in one report of a run: its start ({@link Outcome#STARTED}) or its end. */
    public synchronized void record(RunSummary run) {
        LastRun last = series(Series.of(run));
        last.startSeconds = seconds(run.startedAt());
        // a run that exits non-zero is a failure whatever its outcome says: it must never show as succeeded
        Outcome outcome = run.outcome() == Outcome.SUCCEEDED && run.exitCode() != 0 ? Outcome.FAILED : run.outcome();
        last.outcome = outcome;
        if (!outcome.ended()) {
            return;
        }
        last.durationSeconds = run.duration().toMillis() / 1000.0;
        last.recordsChanged = run.recordsChanged();
        last.requests.increment(run.requests());
        last.rateLimited.increment(run.rateLimited());
        last.retries.increment(run.retries());
        if (outcome == Outcome.SUCCEEDED) {
            last.lastSuccessSeconds = seconds(run.startedAt().plus(run.duration()));
        } else {
            last.failures.increment();
        }
    }

    @Override
    public void started(RunSummary run) {
        record(run);
    }

    @Override
    public void ended(RunSummary run) {
        record(run);
    }

    /**
     * Takes in a success known from elsewhere (the store's last complete snapshot), so that a daemon
     * that has just started does not read as never having succeeded; an earlier time changes nothing.
     */
    public synchronized void rememberSuccess(String job, RunSummary.Operation operation, String account, java.time.Instant endedAt) {
        LastRun last = series(new Series(Series.label(job), operation.name().toLowerCase(Locale.ROOT), Series.label(account)));
        last.lastSuccessSeconds = Math.max(last.lastSuccessSeconds, seconds(endedAt));
    }

    /** The registry, for callers that serve or bind it themselves. */
    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** Every series in the Prometheus text format ({@link #CONTENT_TYPE}), as scraped or written to a textfile. */
    public String scrape() {
        return registry.scrape();
    }

    /**
     * Takes back what an earlier process exposed (a metrics file it wrote): last-run values and
     * last success as they were, counters added to. Samples of other metrics are ignored.
     */
    synchronized void carryOver(List<MetricSample> samples) {
        for (MetricSample sample : samples) {
            Map<String, String> labels = sample.labels();
            if (!labels.containsKey(JOB_LABEL) || !labels.containsKey(OPERATION_LABEL) || !labels.containsKey(ACCOUNT_LABEL)
                    || !NAMES.contains(sample.name())) {
                continue;
            }
            LastRun last = series(new Series(labels.get(JOB_LABEL), labels.get(OPERATION_LABEL), labels.get(ACCOUNT_LABEL)));
            double value = sample.value();
            switch (sample.name()) {
                case LAST_RUN_START -> last.startSeconds = value;
                case LAST_RUN_STATUS -> {
                    if (value == 1) {
                        last.outcome = outcome(labels.get(STATUS_LABEL));
                    }
                }
                case LAST_RUN_DURATION -> last.durationSeconds = value;
                case LAST_RUN_RECORDS_CHANGED -> last.recordsChanged = value;
                case LAST_SUCCESS -> last.lastSuccessSeconds = value;
                case REQUESTS -> last.requests.increment(value);
                case RATE_LIMITED -> last.rateLimited.increment(value);
                case RETRIES -> last.retries.increment(value);
                case FAILURES -> last.failures.increment(value);
                default -> throw new IllegalStateException("unhandled metric " + sample.name());
            }
        }
    }

    private static Outcome outcome(String status) {
        for (Outcome outcome : Outcome.values()) {
            if (statusLabel(outcome).equals(status)) {
                return outcome;
            }
        }
        return null;
    }

    private static String statusLabel(Outcome outcome) {
        return outcome.name().toLowerCase(Locale.ROOT);
    }

    /** The series' state, its meters registered the first time it is seen. */
    private LastRun series(Series series) {
        return runs.computeIfAbsent(series, this::register);
    }

    private LastRun register(Series series) {
        LastRun last = new LastRun();
        Tags tags = series.tags();
        gauge(LAST_RUN_START, "When the last run started, in seconds since the epoch", tags, last, l -> l.startSeconds);
        for (Outcome outcome : Outcome.values()) {
            gauge(LAST_RUN_STATUS, "How the last run ended (started while it runs): 1 for its status, 0 for the others",
                    tags.and(STATUS_LABEL, statusLabel(outcome)), last, l -> l.outcome == outcome ? 1 : 0);
        }
        gauge(LAST_RUN_DURATION, "How long the last ended run took", tags, last, l -> l.durationSeconds);
        gauge(LAST_RUN_RECORDS_CHANGED, "Records added, changed and removed by the last ended run", tags, last, l -> l.recordsChanged);
        gauge(LAST_SUCCESS, "When the last successful run ended, in seconds since the epoch; 0 if none has", tags, last,
                l -> l.lastSuccessSeconds);
        last.requests = counter(REQUESTS, "HTTP requests sent to the account", tags);
        last.rateLimited = counter(RATE_LIMITED, "Answers 503 (rate limited) received from the account", tags);
        last.retries = counter(RETRIES, "Requests sent again after a transient failure", tags);
        last.failures = counter(FAILURES, "Runs that failed or were interrupted", tags);
        return last;
    }

    private Gauge gauge(String name, String help, Tags tags, LastRun last, ToDoubleFunction<LastRun> value) {
        return Gauge.builder(name, last, value).description(help).tags(tags).register(registry);
    }

    private Counter counter(String name, String help, Tags tags) {
        return Counter.builder(name).description(help).tags(tags).register(registry);
    }

    private static double seconds(Instant instant) {
        return instant.toEpochMilli() / 1000.0;
    }
}
