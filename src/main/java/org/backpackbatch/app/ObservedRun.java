package org.backpackbatch.app;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.backpackbatch.api.RequestStats;
import org.backpackbatch.batch.RunInterrupted;
import org.backpackbatch.progress.Progress;
import org.backpackbatch.progress.Reporter;

/**
 * One run of an operation told to its observers: a summary when it starts, and one when it ends,
 * successful or not. The facts come from the run's result, or, for a run that failed, from what
 * it reported while it ran (its snapshot, the requests it spent).
 */
public final class ObservedRun {

    /** What a successful run's result says of itself. */
    public record Facts(Long snapshot, Map<String, Long> counts, long recordsChanged) {
        public static final Facts NONE = new Facts(null, Map.of(), 0);
    }

    private final String job;
    private final RunSummary.Operation operation;
    private final String account;
    private final List<RunObserver> observers;

    /** {@code job} names the run (a job file's name, or the command's); {@code account} is null for a store-wide run. */
    public ObservedRun(String job, RunSummary.Operation operation, String account, List<RunObserver> observers) {
        this.job = job;
        this.operation = operation;
        this.account = account;
        this.observers = List.copyOf(observers);
    }

    /**
     * Runs {@code work} with a reporter that passes everything to {@code reporter} and keeps what a
     * summary needs; tells the observers before and after; rethrows the run's failure.
     */
    public <T> T run(Reporter reporter, Function<Reporter, T> work, Function<T, Facts> facts) {
        Instant start = Instant.now();
        Collecting collecting = new Collecting(reporter);
        observers.forEach(observer -> observer.started(summary(RunSummary.Outcome.STARTED, Facts.NONE, collecting, start, 0, null)));
        T result;
        try {
            result = work.apply(collecting);
        } catch (RuntimeException failure) {
            ExitCode exitCode = ExitCode.of(failure);
            RunSummary.Outcome outcome = failure instanceof RunInterrupted ? RunSummary.Outcome.INTERRUPTED : RunSummary.Outcome.FAILED;
            RunSummary ended = summary(outcome, new Facts(collecting.snapshot, Map.of(), 0), collecting, start, exitCode.code(),
                    ErrorLine.of(failure));
            observers.forEach(observer -> observer.ended(ended));
            throw failure;
        }
        Facts known = facts.apply(result);
        RunSummary ended = summary(RunSummary.Outcome.SUCCEEDED, known.snapshot() == null ? new Facts(collecting.snapshot, known.counts(),
                known.recordsChanged()) : known, collecting, start, 0, null);
        observers.forEach(observer -> observer.ended(ended));
        return result;
    }

    private RunSummary summary(RunSummary.Outcome outcome, Facts facts, Collecting collecting, Instant start, int exitCode, String error) {
        Duration took = outcome == RunSummary.Outcome.STARTED ? Duration.ZERO : Duration.between(start, Instant.now());
        RequestStats stats = collecting.stats;
        return new RunSummary(job, operation, account, facts.snapshot(), outcome, facts.counts(), facts.recordsChanged(),
                stats.requests(), stats.rateLimited(), stats.retries(), start, took, exitCode, error);
    }

    /** Passes everything on, keeping the snapshot and the requests for the summary. */
    private static final class Collecting implements Reporter {
        private final Reporter next;
        private volatile Long snapshot;
        private volatile RequestStats stats = RequestStats.NONE;

        Collecting(Reporter next) {
            this.next = next;
        }

        @Override
        public void progress(Progress progress) {
            next.progress(progress);
        }

        @Override
        public void progressEnded(String run) {
            next.progressEnded(run);
        }

        @Override
        public void warning(String message) {
            next.warning(message);
        }

        @Override
        public void snapshot(long id) {
            snapshot = id;
            next.snapshot(id);
        }

        @Override
        public void requests(RequestStats requests) {
            stats = requests;
            next.requests(requests);
        }
    }
}
