package org.backpackbatch.progress;

import java.time.Duration;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.backpackbatch.api.BackpackClient;
import org.backpackbatch.api.RateLimit;

/**
 * Tracks how far a backup or restore is through its worklist of pages and tells its
 * {@link Reporter}. Rate and ETA are given only once the run has gone on for {@link #WARM_UP}: at
 * first the elapsed time is near zero and the throttle lets a whole window of requests through at
 * once, so an early rate says nothing about the pace that follows.
 */
public final class WorklistProgress {

    /** How long a run goes on before its observed pace is trusted for a rate and an ETA. */
    static final Duration WARM_UP = Duration.ofSeconds(5);

    private final String run;
    private final Reporter reporter;
    private final LongSupplier requestsSent;
    private final Supplier<RateLimit> limit;
    private final LongSupplier nanoTime;

    private long total;
    private long done;
    private long doneAtStart;
    private long requestsAtStart;
    private long startNanos;

    /** {@code run} names the run ("backup", "restore"); {@code limit} gives null when there is none. */
    WorklistProgress(String run, Reporter reporter, LongSupplier requestsSent, Supplier<RateLimit> limit, LongSupplier nanoTime) {
        this.run = run;
        this.reporter = reporter;
        this.requestsSent = requestsSent;
        this.limit = limit;
        this.nanoTime = nanoTime;
    }

    /** Progress of a run whose requests go through {@code client}. */
    public static WorklistProgress of(String run, Reporter reporter, BackpackClient client) {
        return new WorklistProgress(run, reporter, client::requestsSent, () -> client.throttle().limit(), System::nanoTime);
    }

    /** The worklist is known: {@code totalPages} pages, {@code alreadyDone} of them done by an earlier run. */
    public synchronized void start(long totalPages, long alreadyDone) {
        total = totalPages;
        done = alreadyDone;
        doneAtStart = alreadyDone;
        requestsAtStart = requestsSent.getAsLong();
        startNanos = nanoTime.getAsLong();
        report();
    }

    /** {@code pages} more are done. */
    public synchronized void advance(long pages) {
        done += pages;
        report();
    }

    /** The run is over. */
    public void finish() {
        reporter.progressEnded(run);
    }

    private void report() {
        if (total == 0) {
            return;
        }
        double seconds = (nanoTime.getAsLong() - startNanos) / 1e9;
        long pages = done - doneAtStart;
        long requests = requestsSent.getAsLong() - requestsAtStart;
        if (seconds < WARM_UP.toSeconds() || pages <= 0) {
            reporter.progress(new Progress(run, done, total, doneAtStart, null, null));
            return;
        }
        double pagesPerSecond = pages / seconds;
        RateLimit rateLimit = limit.get();
        if (rateLimit != null && requests > 0) {
            // the throttle's first window came in a burst: the pace that holds from now on is at most the limit's
            double limitPerSecond = rateLimit.requests() / (rateLimit.window().toNanos() / 1e9);
            pagesPerSecond = Math.min(pagesPerSecond, limitPerSecond * pages / requests);
        }
        long eta = (long) Math.ceil(Math.max(0, total - done) / pagesPerSecond);
        reporter.progress(new Progress(run, done, total, doneAtStart, requests / seconds, Duration.ofSeconds(eta)));
    }
}
