package org.backpackbatch.store;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What was added, changed and removed between two snapshots of one account, record by record,
 * read from the version ranges ({@link SnapshotStore#differences}). By default: the store's latest
 * complete snapshot and the complete snapshot of the same account before it.
 */
public record SnapshotDiff(Snapshot from, Snapshot to, List<Difference> differences) {

    private static final Comparator<Difference> ORDER = Comparator
            .comparing((Difference d) -> d.change())
            .thenComparingLong(d -> d.version().pageId())
            .thenComparingLong(d -> d.version().recordId());

    public SnapshotDiff {
        differences = List.copyOf(differences);
    }

    /** The latest complete snapshot of the store against the complete one of its account before it. */
    public static SnapshotDiff ofLatest(SnapshotStore store) {
        List<Snapshot> complete = store.snapshots(null).stream().filter(Snapshot::complete).toList();
        if (complete.isEmpty()) {
            throw new SnapshotSelectionException("the store has no complete snapshot yet; a backup takes one");
        }
        Snapshot latest = complete.get(complete.size() - 1);
        Snapshot previous = complete.stream()
                .filter(s -> s.account().equals(latest.account()) && s.id() < latest.id())
                .reduce((older, newer) -> newer)
                .orElseThrow(() -> new SnapshotSelectionException("snapshot " + latest.id() + " is the only complete snapshot of "
                        + latest.account() + ": there is nothing to compare it with yet"));
        return between(store, previous.id(), latest.id());
    }

    /** {@code from} against the latest complete snapshot of its account. */
    public static SnapshotDiff since(SnapshotStore store, long fromId) {
        Snapshot from = store.snapshot(fromId);
        Optional<Snapshot> latest = store.latestComplete(from.account());
        if (latest.isEmpty() || latest.get().id() <= from.id()) {
            throw new SnapshotSelectionException("no complete snapshot of " + from.account() + " is newer than snapshot " + fromId
                    + "; name the snapshot to compare it with");
        }
        return between(store, fromId, latest.get().id());
    }

    /** Two snapshots named by id, complete or not: the user asked for them. */
    public static SnapshotDiff between(SnapshotStore store, long fromId, long toId) {
        Snapshot from = store.snapshot(fromId);
        Snapshot to = store.snapshot(toId);
        if (!from.account().equals(to.account())) {
            throw new SnapshotSelectionException("snapshot " + fromId + " is of " + from.account() + " but snapshot " + toId
                    + " is of " + to.account() + "; diff compares two snapshots of one account");
        }
        if (fromId >= toId) {
            throw new SnapshotSelectionException(fromId == toId ? "snapshot " + fromId + " is the same on both sides; name two snapshots"
                    : "snapshot " + fromId + " is newer than snapshot " + toId + "; name the older one first");
        }
        List<Difference> differences = new ArrayList<>();
        store.differences(fromId, toId, differences::add);
        return new SnapshotDiff(from, to, differences);
    }

    public long count(Difference.Change change) {
        return differences.stream().filter(d -> d.change() == change).count();
    }

    /** The differences kind by kind (in {@link RecordKind} order), each kind's added first, then changed, then removed. */
    public Map<RecordKind, List<Difference>> byKind() {
        Map<RecordKind, List<Difference>> byKind = new EnumMap<>(RecordKind.class);
        differences.stream().sorted(ORDER).forEach(d -> byKind.computeIfAbsent(d.version().kind(), kind -> new ArrayList<>()).add(d));
        return byKind;
    }

    /**
     * What a person knows a record by: its name (a title, an item's content, a file name, a
     * reminder's text, a status's message); a belonging's widget type, a journal entry's text and
     * what a bookmark is of.
     */
    public static String titleOf(RecordVersion version) {
        return switch (version.kind()) {
            case BELONGING -> version.type();
            case JOURNAL_ENTRY -> version.body();
            case BOOKMARK -> version.type() + " " + version.parentId();
            default -> version.name();
        };
    }
}
