package org.backpackbatch.options;

import org.backpackbatch.app.UsageException;
import org.backpackbatch.store.RetentionPolicy;
import picocli.CommandLine.Option;

/** A retention policy: for forget, and for a backup job that forgets after each success. */
public final class RetentionOptions {

    @Option(names = "--keep-last", paramLabel = "N", description = "Keep the N newest complete snapshots.")
    Integer keepLast;

    @Option(names = "--keep-daily", paramLabel = "N", description = "Keep the newest snapshot of each of the last N days that have one.")
    Integer keepDaily;

    @Option(names = "--keep-weekly", paramLabel = "N", description = "Keep the newest snapshot of each of the last N ISO weeks that have one.")
    Integer keepWeekly;

    @Option(names = "--keep-monthly", paramLabel = "N", description = "Keep the newest snapshot of each of the last N months that have one.")
    Integer keepMonthly;

    /** Whether any rule was given. */
    public boolean given() {
        return keepLast != null || keepDaily != null || keepWeekly != null || keepMonthly != null;
    }

    public RetentionPolicy policy() {
        try {
            return new RetentionPolicy(count("--keep-last", keepLast), count("--keep-daily", keepDaily),
                    count("--keep-weekly", keepWeekly), count("--keep-monthly", keepMonthly));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static int count(String option, Integer value) {
        if (value != null && value < 1) {
            throw new IllegalArgumentException(option + " must be 1 or more, not " + value);
        }
        return value == null ? 0 : value;
    }
}
