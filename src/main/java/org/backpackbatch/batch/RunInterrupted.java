package org.backpackbatch.batch;

/**
 * A backup or restore stopped on request (SIGINT, SIGTERM, a daemon's stop) at a chunk boundary
 * and recorded as interrupted: what was done stays, and the same command continues from there.
 */
public final class RunInterrupted extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private RunInterrupted(String message) {
        super(message);
    }

    /** {@code run} names it ("snapshot 7 of URL"), {@code next} what a re-run does ("resume it"). */
    public static RunInterrupted of(String run, long pagesDone, long pagesInAll, String next) {
        String where = pagesInAll == 0 ? "before its worklist was made" : "after " + pagesDone + " of " + pagesInAll + " pages";
        return new RunInterrupted(run + " stopped " + where + "; run the same command to " + next);
    }
}
