package org.backpackbatch.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.backpackbatch.app.RunSummary;
import org.backpackbatch.app.RunSummary.Operation;
import org.backpackbatch.app.RunSummary.Outcome;

/** Run summaries for the metrics tests: a nightly backup of an account, as the scheduler reports it. */
final class Runs {

    static final String JOB = "nightly";
    static final String ACCOUNT = "http://127.0.0.1:8080/acme";
    /** Midnight, 1 December 2026, in seconds since the epoch. */
    static final Instant MIDNIGHT = Instant.parse("2026-12-01T00:00:00Z");

    private Runs() {
    }

    /** A backup of {@link #ACCOUNT} that started at {@code startedAt}, ran 90.5 s, sent 40 requests (3 answered 503) and retried 2. */
    static RunSummary backup(Outcome outcome, Instant startedAt) {
        return backup(ACCOUNT, outcome, startedAt);
    }

    static RunSummary backup(String account, Outcome outcome, Instant startedAt) {
        boolean ended = outcome.ended();
        int exitCode = switch (outcome) {
            case STARTED, SUCCEEDED -> 0;
            case FAILED -> 1;
            case INTERRUPTED -> 143;
        };
        return new RunSummary(JOB, Operation.BACKUP, account, outcome == Outcome.SUCCEEDED ? 7L : null, outcome,
                ended ? Map.of("pages", 12L) : Map.of(), ended ? 5 : 0, ended ? 40 : 0, ended ? 3 : 0, ended ? 2 : 0, startedAt,
                ended ? Duration.ofMillis(90_500) : Duration.ZERO, exitCode,
                outcome == Outcome.FAILED ? "error: the account answered 500 three times" : null);
    }

    /** The labels of {@link #ACCOUNT}'s series. */
    static Map<String, String> series() {
        return series(ACCOUNT);
    }

    static Map<String, String> series(String account) {
        return Map.of("job_name", JOB, "operation", "backup", "account", account);
    }

    /** The labels of one status series of {@link #ACCOUNT}. */
    static Map<String, String> status(String status) {
        return Map.of("job_name", JOB, "operation", "backup", "account", ACCOUNT, "status", status);
    }

    static double seconds(Instant instant) {
        return instant.toEpochMilli() / 1000.0;
    }
}
