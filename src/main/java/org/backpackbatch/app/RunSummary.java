package org.backpackbatch.app;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * What one run of an operation did, as it is told to people and machines outside the process:
 * notifications, metrics and the scheduler's log. It never holds a token; {@code error} is the
 * run's one error line, already scrubbed.
 *
 * @param job the job file's name for a scheduled run, else the command's name
 * @param operation what ran
 * @param account the account's URL, or null for operations on a whole store
 * @param snapshot the snapshot the run took, restored or exported, or null
 * @param outcome where the run is or how it ended
 * @param counts records per kind in the snapshot (kind name to count), empty when none
 * @param recordsChanged records added, changed and removed since the parent snapshot
 * @param requests HTTP requests sent to the account
 * @param rateLimited answers 503 (rate limited) among them
 * @param retries requests sent again after a transient failure
 * @param startedAt when the run started
 * @param duration how long it ran (zero for {@link Outcome#STARTED})
 * @param exitCode the exit code the run ends with (0 while started)
 * @param error the error line of a failed or interrupted run, else null
 */
public record RunSummary(String job, Operation operation, String account, Long snapshot, Outcome outcome,
        Map<String, Long> counts, long recordsChanged, long requests, long rateLimited, long retries, Instant startedAt,
        Duration duration, int exitCode, String error) {

    /** The operations a run can be of. */
    public enum Operation {
        BACKUP, RESTORE, EXPORT, IMPORT, FORGET, VERIFY
    }

    /** Where a run is, or how it ended. */
    public enum Outcome {
        STARTED, SUCCEEDED, FAILED, INTERRUPTED;

        public boolean ended() {
            return this != STARTED;
        }
    }

    public RunSummary {
        counts = Map.copyOf(counts);
    }
}
