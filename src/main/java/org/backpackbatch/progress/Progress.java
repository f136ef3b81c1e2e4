package org.backpackbatch.progress;

import java.time.Duration;

/**
 * How far a run ({@code backup}, {@code restore}) is through its worklist of pages: {@code done}
 * of {@code total}, of which {@code doneBefore} were done by an earlier run it resumes. The pace is
 * known only once the run has gone on long enough to mean something: {@code requestsPerSecond}
 * and {@code eta} are null until then.
 */
public record Progress(String run, long done, long total, long doneBefore, Double requestsPerSecond, Duration eta) {

    /** Which tenth of the worklist is done, 0 to 10. */
    public int tenth() {
        return total == 0 ? 10 : (int) Math.min(10, 10 * done / total);
    }
}
