package org.backpackbatch.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.backpackbatch.store.Difference;
import org.backpackbatch.store.Difference.Change;
import org.backpackbatch.store.RecordKind;
import org.backpackbatch.store.RecordVersion;
import org.backpackbatch.store.Snapshot;
import org.backpackbatch.store.SnapshotDiff;
import org.junit.jupiter.api.Test;
import org.backpackbatch.store.Include;
import org.backpackbatch.store.RunState;

/** The report's view of what the store holds: a snapshot row, and a diff summed up with a few examples. */
class StoreToReportTest {

    @Test
    void aCompleteSnapshotBringsItsCountsInTheStoresOrder() {
        Snapshot stored = snapshot(42, RunState.COMPLETE, "2025-06-01T02:00:00Z", "2025-06-01T02:04:10Z", true);

        SnapshotPoint point = SnapshotPoint.of(stored);

        assertThat(point).isEqualTo(new SnapshotPoint(42, Instant.parse("2025-06-01T02:00:00Z"), Instant.parse("2025-06-01T02:04:10Z"),
                RunState.COMPLETE, true, point.records(), 5, 6, 70));
        assertThat(point.records()).containsExactly(entry("pages", 1), entry("notes", 2), entry("lists", 3), entry("items", 4),
                entry("tags", 5), entry("separators", 6), entry("emails", 7));
        assertThat(point.recordTotal()).isEqualTo(28);
    }

    @Test
    void anUnfinishedSnapshotHasNoCountsToChart() {
        SnapshotPoint point = SnapshotPoint.of(snapshot(43, RunState.FAILED, "2025-06-02T02:00:00Z", null, false));

        assertThat(point.records()).isEmpty();
        assertThat(point.finished()).isNull();
        assertThat(point.complete()).isFalse();
    }

    @Test
    void aDiffIsCountedPerKindWithExamplesTakenFromEachKindInTurn() {
        List<Difference> differences = List.of(
                difference(Change.ADDED, RecordKind.NOTE, 1, "Groceries"), difference(Change.ADDED, RecordKind.NOTE, 2, "Keys"),
                difference(Change.CHANGED, RecordKind.NOTE, 3, "Wifi"), difference(Change.REMOVED, RecordKind.NOTE, 4, "Old"),
                difference(Change.ADDED, RecordKind.PAGE, 5, "Office move"), difference(Change.CHANGED, RecordKind.ITEM, 6, "Van"),
                difference(Change.REMOVED, RecordKind.ITEM, 7, "Boxes"));
        SnapshotDiff diff = new SnapshotDiff(snapshot(41, RunState.COMPLETE, "2025-06-01T02:00:00Z", "2025-06-01T02:01:00Z", false),
                snapshot(44, RunState.COMPLETE, "2025-06-02T02:00:00Z", "2025-06-02T02:01:00Z", false), differences);

        DiffSummary summary = DiffSummary.of(diff, 5);

        assertThat(summary.fromId()).isEqualTo(41);
        assertThat(summary.toId()).isEqualTo(44);
        assertThat(summary.kinds()).containsExactly(new DiffSummary.KindChanges("page", 1, 0, 0),
                new DiffSummary.KindChanges("note", 2, 1, 1), new DiffSummary.KindChanges("item", 0, 1, 1));
        assertThat(summary.examples()).extracting(DiffSummary.Example::title).containsExactly("Office move", "Groceries", "Keys", "Van", "Boxes");
        assertThat(summary.total(Change.REMOVED)).isEqualTo(2);
    }

    private static Snapshot snapshot(long id, RunState status, String started, String finished, boolean suspect) {
        return new Snapshot(id, "https://a.backpackit.com", id - 1, Snapshot.Origin.BACKUP, status, Include.ALL, started, finished,
                new Snapshot.Counts(1, 2, 3, 4, 5, 6, 7, 0, 0, 0, 0, 0, 0, 0), new Snapshot.Changes(5, 6, 70), 120, suspect, 0);
    }

    private static Difference difference(Change change, RecordKind kind, long id, String name) {
        return new Difference(change, new RecordVersion(kind, id, 100, null, 1, null, name, null, null, null));
    }

    private static Map.Entry<String, Long> entry(String kind, long count) {
        return Map.entry(kind, count);
    }
}
