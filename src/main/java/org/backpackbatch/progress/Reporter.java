package org.backpackbatch.progress;

/**
 * How a run tells what it does while it runs, without printing: its progress and the warnings a
 * person should see. The command line shows them on stderr (a bar, lines, or nothing), the
 * scheduler logs them, tests collect them. Called from any thread.
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
}
