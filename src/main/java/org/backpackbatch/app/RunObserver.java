package org.backpackbatch.app;

/**
 * Something outside the process that hears of a run: its start and its end (notifications,
 * metrics). Never fails the run: an observer reports its own failures itself.
 */
public interface RunObserver {

    /** The run is about to start ({@link RunSummary.Outcome#STARTED}). */
    default void started(RunSummary run) {
    }

    /** The run has ended, whatever way. */
    void ended(RunSummary run);
}
