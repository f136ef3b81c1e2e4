package org.backpackbatch.output;

import java.io.PrintWriter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.backpackbatch.progress.Progress;
import org.backpackbatch.progress.Reporter;

/**
 * A run's progress and warnings on a console (stderr): a live bar on a terminal, one line for
 * every tenth of the pages done (each tenth once and in order, whichever thread finished the
 * page; a resumed run does not announce again the tenths an earlier run crossed), or nothing.
 * Warnings always show, as {@code warning: ...}.
 */
public final class ConsoleReporter implements Reporter {

    /** How progress is shown. */
    public enum Mode {
        BAR, LINES, NONE
    }

    private static final int BAR_WIDTH = 30;

    private final PrintWriter err;
    private final Mode mode;
    private final Map<String, Integer> lastTenth = new HashMap<>();

    public ConsoleReporter(PrintWriter err, Mode mode) {
        this.err = err;
        this.mode = mode;
    }

    @Override
    public synchronized void progress(Progress progress) {
        if (mode == Mode.NONE || progress.total() == 0) {
            return;
        }
        String counts = progress.done() + "/" + progress.total() + " pages" + pace(progress);
        if (mode == Mode.BAR) {
            int filled = (int) (BAR_WIDTH * Math.min(progress.done(), progress.total()) / progress.total());
            err.print("\r[" + "#".repeat(filled) + ".".repeat(BAR_WIDTH - filled) + "] " + counts + "   ");
            err.flush();
            lastTenth.put(progress.run(), progress.tenth());
            return;
        }
        int last = lastTenth.computeIfAbsent(progress.run(), run -> progress.tenth() - 1);
        for (int tenth = last + 1; tenth <= progress.tenth(); tenth++) {
            err.println(progress.run() + ": " + tenth * 10 + "% " + counts);
        }
        lastTenth.put(progress.run(), Math.max(last, progress.tenth()));
        err.flush();
    }

    @Override
    public synchronized void progressEnded(String run) {
        if (mode == Mode.BAR && lastTenth.remove(run) != null) {
            err.println();
            err.flush();
        }
        lastTenth.remove(run);
    }

    @Override
    public synchronized void warning(String message) {
        err.println("warning: " + message);
        err.flush();
    }

    /** ", R requests/s, ETA M:SS" once the observed pace means something, else nothing. */
    private static String pace(Progress progress) {
        if (progress.requestsPerSecond() == null) {
            return "";
        }
        long eta = progress.eta().toSeconds();
        return String.format(Locale.ROOT, ", %.1f requests/s, ETA %d:%02d", progress.requestsPerSecond(), eta / 60, eta % 60);
    }
}
