package org.backpackbatch.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.backpackbatch.store.Difference;
import org.backpackbatch.store.RecordKind;
import org.backpackbatch.store.SnapshotDiff;

/**
 * What changed between two snapshots of an account, counted per kind, with a few examples.
 *
 * @param fromId the older snapshot
 * @param toId the newer snapshot
 * @param kinds the kinds that changed, in {@link RecordKind} order
 * @param examples a few of the differences, kind by kind
 */
public record DiffSummary(long fromId, long toId, List<KindChanges> kinds, List<Example> examples) {

    /** How many records of one kind were added, changed and removed. */
    public record KindChanges(String kind, long added, long changed, long removed) {
    }

    /** One difference, by the title a person knows the record by. */
    public record Example(String kind, Difference.Change change, String title) {
    }

    public DiffSummary {
        kinds = List.copyOf(kinds);
        examples = List.copyOf(examples);
    }

    /**
     * The counts of {@code diff} and up to {@code examples} of its differences, taken a kind at a time in turn
     * (so that one busy kind does not hide the others), listed kind by kind.
     */
    public static DiffSummary of(SnapshotDiff diff, int examples) {
        Map<RecordKind, List<Difference>> byKind = diff.byKind();
        List<KindChanges> kinds = new ArrayList<>();
        byKind.forEach((kind, differences) -> kinds.add(new KindChanges(kind.storedName(),
                count(differences, Difference.Change.ADDED), count(differences, Difference.Change.CHANGED),
                count(differences, Difference.Change.REMOVED))));
        List<Difference> picked = new ArrayList<>();
        for (int turn = 0; picked.size() < examples && picked.size() < diff.differences().size(); turn++) {
            for (List<Difference> differences : byKind.values()) {
                if (turn < differences.size() && picked.size() < examples) {
                    picked.add(differences.get(turn));
                }
            }
        }
        List<Example> shown = picked.stream()
                .sorted(Comparator.comparing((Difference d) -> d.version().kind()))
                .map(d -> new Example(d.version().kind().storedName(), d.change(), SnapshotDiff.titleOf(d.version())))
                .toList();
        return new DiffSummary(diff.from().id(), diff.to().id(), kinds, shown);
    }

    private static long count(List<Difference> differences, Difference.Change change) {
        return differences.stream().filter(d -> d.change() == change).count();
    }

    public long total(Difference.Change change) {
        return kinds.stream().mapToLong(k -> switch (change) {
            case ADDED -> k.added();
            case CHANGED -> k.changed();
            case REMOVED -> k.removed();
        }).sum();
    }
}
