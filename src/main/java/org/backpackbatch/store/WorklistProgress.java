package org.backpackbatch.store;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.backpackbatch.api.BackpackClient;
import org.backpackbatch.api.RateLimit;

/**
 * How far a backup or restore is through its worklist of pages: a live bar on a terminal, or one
 * line for every tenth of the pages done, each tenth once and in order, whichever thread finished
 * the page. Rate and ETA appear only once the run has gone on for {@link #WARM_UP}: at first the
 * elapsed time is near zero and the throttle lets a whole window of requests through at once, so
 * an early rate says nothing about the pace that follows.
 */
public final class WorklistProgress {

    /** How progress is shown. */
    public enum Display {
        BAR, LINES, NONE
    }

    /** How long a run goes on before its observed pace is trusted for a rate and an ETA. */
    static final Duration WARM_UP = Duration.ofSeconds(5);
    private static final int BAR_WIDTH = 30;

    private final String run;
    private final Display display;
    private final PrintStream out;
    private final LongSupplier requestsSent;
    private final Supplier<RateLimit> limit;
    private final LongSupplier nanoTime;

    private long total;
    private long done;
    private long doneAtStart;
    private long requestsAtStart;
    private long startNanos;
    private int lastTenth = -1;

    /** {@code run} names the run in each line ("backup", "restore"); {@code limit} gives null when there is none. */
    WorklistProgress(String run, Display display, PrintStream out, LongSupplier requestsSent, Supplier<RateLimit> limit,
            LongSupplier nanoTime) {
        this.run = run;
        this.display = out == null ? Display.NONE : display;
        this.out = out;
        this.requestsSent = requestsSent;
        this.limit = limit;
        this.nanoTime = nanoTime;
    }

    /** Progress of a run whose requests go through {@code client}; nothing is shown when {@code out} is null. */
    public static WorklistProgress of(String run, Display display, PrintStream out, BackpackClient client) {
        return new WorklistProgress(run, display, out, client::requestsSent, () -> client.throttle().limit(), System::nanoTime);
    }

    /** The worklist is known: {@code totalPages} pages, {@code alreadyDone} of them done by an earlier run. */
    public synchronized void start(long totalPages, long alreadyDone) {
        total = totalPages;
        done = alreadyDone;
        doneAtStart = alreadyDone;
        requestsAtStart = requestsSent.getAsLong();
        startNanos = nanoTime.getAsLong();
        // tenths an earlier run crossed are not announced again
        lastTenth = total == 0 ? -1 : tenth() - 1;
        show();
    }

    /** {@code pages} more are done. */
    public synchronized void advance(long pages) {
        done += pages;
        show();
    }

    /** The run is over: a live bar gives its line back. */
    public synchronized void finish() {
        if (display == Display.BAR && total > 0) {
            out.println();
        }
    }

    private void show() {
        if (display == Display.NONE || total == 0) {
            return;
        }
        String counts = done + "/" + total + " pages" + pace();
        if (display == Display.BAR) {
            int filled = (int) (BAR_WIDTH * Math.min(done, total) / total);
            out.print("\r[" + "#".repeat(filled) + ".".repeat(BAR_WIDTH - filled) + "] " + counts + "   ");
            out.flush();
            return;
        }
        for (int tenth = lastTenth + 1; tenth <= tenth(); tenth++) {
            out.println(run + ": " + tenth * 10 + "% " + counts);
        }
        lastTenth = Math.max(lastTenth, tenth());
    }

    private int tenth() {
        return (int) Math.min(10, 10 * done / total);
    }

    /** ", R requests/s, ETA M:SS" once the observed pace means something, else nothing. */
    private String pace() {
        double seconds = (nanoTime.getAsLong() - startNanos) / 1e9;
        long pages = done - doneAtStart;
        long requests = requestsSent.getAsLong() - requestsAtStart;
        if (seconds < WARM_UP.toSeconds() || pages <= 0) {
            return "";
        }
        double pagesPerSecond = pages / seconds;
        RateLimit rateLimit = limit.get();
        if (rateLimit != null && requests > 0) {
            // the throttle's first window came in a burst: the pace that holds from now on is at most the limit's
            double limitPerSecond = rateLimit.requests() / (rateLimit.window().toNanos() / 1e9);
            pagesPerSecond = Math.min(pagesPerSecond, limitPerSecond * pages / requests);
        }
        long eta = (long) Math.ceil(Math.max(0, total - done) / pagesPerSecond);
        return String.format(Locale.ROOT, ", %.1f requests/s, ETA %d:%02d", requests / seconds, eta / 60, eta % 60);
    }
}
