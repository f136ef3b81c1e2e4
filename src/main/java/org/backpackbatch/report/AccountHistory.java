package org.backpackbatch.report;

import java.util.List;
import java.util.Optional;

/**
 * One account as the report shows it.
 *
 * @param account the account's URL
 * @param snapshots its snapshots, oldest first, whatever their status
 * @param failures its last failed or interrupted runs, newest first
 * @param latestDiff its latest complete snapshot against the complete one before it, or null when it has not two
 */
public record AccountHistory(String account, List<SnapshotPoint> snapshots, List<RunFailure> failures, DiffSummary latestDiff) {

    public AccountHistory {
        snapshots = List.copyOf(snapshots);
        failures = List.copyOf(failures);
    }

    /** The newest complete snapshot, if any. */
    public Optional<SnapshotPoint> latestComplete() {
        return snapshots.stream().filter(SnapshotPoint::complete).reduce((older, newer) -> newer);
    }

    /** The newest snapshot, whatever its status: how the last run ended (or that one is running). */
    public Optional<SnapshotPoint> latest() {
        return snapshots.isEmpty() ? Optional.empty() : Optional.of(snapshots.get(snapshots.size() - 1));
    }
}
