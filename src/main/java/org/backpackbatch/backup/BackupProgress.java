package org.backpackbatch.backup;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.backpackbatch.api.BackpackClient;
import org.backpackbatch.api.RateLimit;
import org.springframework.batch.core.listener.ItemWriteListener;
import org.springframework.batch.infrastructure.item.Chunk;

/**
 * Shows how far a backup is: on a terminal a live bar (pages done of total, requests per second,
 * ETA from the throttle), in {@code plain} mode a line every 10%, in {@code none} nothing.
 */
public final class BackupProgress implements ItemWriteListener<FetchedPage> {

    /** How progress is shown. */
    public enum Mode {
        AUTO, PLAIN, NONE;

        public static Mode parse(String text) {
            return switch (text.strip().toLowerCase(Locale.ROOT)) {
                case "auto" -> AUTO;
                case "plain" -> PLAIN;
                case "none" -> NONE;
                default -> throw new IllegalArgumentException("--progress must be auto, plain or none, not '" + text + "'");
            };
        }
    }

    private static final int BAR_WIDTH = 30;

    private final boolean live;
    private final boolean silent;
    private final PrintStream out;
    private final BackpackClient client;
    private final AtomicLong done = new AtomicLong();
    private final long startNanos = System.nanoTime();
    private final long startRequests;
    private volatile long total;
    private int lastTenth = -1;

    BackupProgress(Mode mode, PrintStream out, BackpackClient client) {
        this.live = mode == Mode.AUTO && System.console() != null;
        this.silent = mode == Mode.NONE;
        this.out = out;
        this.client = client;
        this.startRequests = client.requestsSent();
    }

    /** The worklist is known: {@code total} pages, {@code alreadyDone} of them stored by an earlier run. */
    void start(long totalPages, long alreadyDone) {
        total = totalPages;
        done.set(alreadyDone);
        show();
    }

    @Override
    public void afterWrite(Chunk<? extends FetchedPage> pages) {
        done.addAndGet(pages.getItems().stream().filter(page -> page.outcome() != FetchedPage.Outcome.FAILED).count());
        show();
    }

    void finish() {
        if (live) {
            out.println();
        }
    }

    private synchronized void show() {
        if (silent || total == 0) {
            return;
        }
        long pagesDone = done.get();
        double seconds = Math.max(0.001, (System.nanoTime() - startNanos) / 1e9);
        double perSecond = (client.requestsSent() - startRequests) / seconds;
        String line = String.format(Locale.ROOT, "%d/%d pages, %.1f requests/s, ETA %s", pagesDone, total, perSecond,
                format(eta(total - pagesDone, perSecond)));
        if (live) {
            int filled = (int) (BAR_WIDTH * pagesDone / total);
            out.print("\r[" + "#".repeat(filled) + ".".repeat(BAR_WIDTH - filled) + "] " + line + "   ");
            out.flush();
        } else {
            int tenth = (int) (10 * pagesDone / total);
            if (tenth > lastTenth) {
                lastTenth = tenth;
                out.println("backup: " + tenth * 10 + "% " + line);
            }
        }
    }

    /** The throttle's pace for what is left, or the observed pace when the limit is off or slower. */
    private Duration eta(long pagesLeft, double perSecond) {
        RateLimit limit = client.throttle().limit();
        double limitPerSecond = limit == null ? Double.MAX_VALUE : limit.requests() / (limit.window().toMillis() / 1000.0);
        double pace = Math.min(limitPerSecond, perSecond > 0 ? perSecond : limitPerSecond);
        return pace == Double.MAX_VALUE ? Duration.ZERO : Duration.ofSeconds((long) Math.ceil(pagesLeft / pace));
    }

    private static String format(Duration duration) {
        long seconds = duration.toSeconds();
        return String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }
}
