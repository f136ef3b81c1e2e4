package org.backpackbatch.progress;

import org.backpackbatch.api.RequestStats;

/**
 * How a run tells what it does while it runs, without printing: its progress, the warnings a
 * person should see, and the facts that a failed run's summary still needs (the snapshot it was
 * taking, the requests it spent). The command line shows progress and warnings on stderr (a bar,
 * lines, or nothing), the scheduler logs them, tests collect them. Called from any thread.
 */
public interface Reporter {

    /** Reports nothing. */
    Reporter SILENT = new Reporter() {
    };

    /** How far a run is through its worklist; called as it advances. */
    default void progress(Progress progress) {
    }

    /** The run's progress is over (a live bar gives its line back). */
    default void progressEnded(String run) {
    }

    /** Something that does not stop the run but that a person should know (one line, no "warning:" prefix). */
    default void warning(String message) {
    }

    /** The snapshot the run takes, resumes, restores or exports, once it is known. */
    default void snapshot(long id) {
    }

    /** What the run sent to its account, when it has stopped talking to it. */
    default void requests(RequestStats stats) {
    }
}
