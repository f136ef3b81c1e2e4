package org.backpackbatch.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.backpackbatch.app.RunSummary;
import org.backpackbatch.app.RunSummary.Operation;
import org.backpackbatch.app.RunSummary.Outcome;

/** Summaries of a nightly backup, as the CLI or the scheduler hands them over. */
final class RunSummaries {

    private RunSummaries() {
    }

    static RunSummary nightlyBackup(Outcome outcome) {
        return nightlyBackup(outcome, outcome == Outcome.FAILED ? "https://acme.backpackit.com/ws/pages/all failed 4 times" : null);
    }

    static RunSummary nightlyBackup(Outcome outcome, String error) {
        boolean ended = outcome.ended();
        int exitCode = switch (outcome) {
            case STARTED, SUCCEEDED -> 0;
            case FAILED -> 1;
            case INTERRUPTED -> 143;
        };
        return new RunSummary("nightly", Operation.BACKUP, "https://acme.backpackit.com", ended ? 42L : null, outcome,
                ended ? Map.of("pages", 30L, "notes", 120L) : Map.of(), ended ? 7 : 0, ended ? 95 : 0, ended ? 2 : 0, ended ? 1 : 0,
                Instant.parse("2026-12-01T02:00:00Z"), ended ? Duration.ofMillis(12_500) : Duration.ZERO, exitCode, error);
    }
}
