package org.backpackbatch.report;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.backpackbatch.store.RunState;
import org.backpackbatch.store.Snapshot;

/**
 * One snapshot as a point of an account's history.
 *
 * @param id the snapshot's id
 * @param started when it started
 * @param finished when it completed, or null
 * @param status {@link Snapshot#COMPLETE}, {@link Snapshot#RUNNING}, {@link Snapshot#FAILED} or {@link Snapshot#INTERRUPTED}
 * @param suspect it removed at least half of its parent's records
 * @param records records per kind it has any of (kind name to count, in the order the chart stacks them); empty unless complete
 * @param added records added since its parent
 * @param changed records changed since its parent
 * @param removed records removed since its parent
 */
public record SnapshotPoint(long id, Instant started, Instant finished, RunState status, boolean suspect,
        Map<String, Long> records, long added, long changed, long removed) {

    public SnapshotPoint {
        records = Collections.unmodifiableMap(new LinkedHashMap<>(records));
    }

    /** The report's view of a stored snapshot. */
    public static SnapshotPoint of(Snapshot snapshot) {
        Map<String, Long> records = new LinkedHashMap<>();
        if (snapshot.complete()) {
            // a kind the snapshot has none of (the whole account in a core snapshot) would only crowd the legend
            snapshot.counts().byName().forEach((kind, count) -> {
                if (count > 0) {
                    records.put(kind, count);
                }
            });
        }
        return new SnapshotPoint(snapshot.id(), Instant.parse(snapshot.startedAt()),
                snapshot.finishedAt() == null ? null : Instant.parse(snapshot.finishedAt()), snapshot.state(), snapshot.suspect(),
                records, snapshot.changes().added(), snapshot.changes().changed(), snapshot.changes().removed());
    }

    public boolean complete() {
        return status == RunState.COMPLETE;
    }

    public long recordTotal() {
        return records.values().stream().mapToLong(Long::longValue).sum();
    }

    public long changeTotal() {
        return added + changed + removed;
    }
}
