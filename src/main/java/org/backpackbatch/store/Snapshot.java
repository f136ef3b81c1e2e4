package org.backpackbatch.store;

import java.util.Locale;

/**
 * One snapshot: what was taken, when, how far it got, and what it holds. {@code suspect}: it
 * removed at least half of its parent's records (an outage, an emptied account), so {@code forget}
 * does not count it; {@code vanished}: pages pages/all listed that were gone when fetched.
 */
public record Snapshot(
        long id,
        String account,
        Long parentId,
        Origin origin,
        RunState state,
        Include include,
        String startedAt,
        String finishedAt,
        Counts counts,
        Changes changes,
        long requests,
        boolean suspect,
        long vanished) {

    /** How a snapshot came to be. */
    public enum Origin {
        BACKUP, IMPORT;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Origin fromLabel(String label) {
            return valueOf(label.toUpperCase(Locale.ROOT));
        }
    }

    /** How many records of each kind the snapshot holds. */
    public record Counts(long pages, long notes, long lists, long items, long tags, long separators, long emails) {

        /** The counts by kind name, in this order: what a summary or a JSON object lists. */
        public java.util.Map<String, Long> byKind() {
            java.util.Map<String, Long> counts = new java.util.LinkedHashMap<>();
            counts.put("pages", pages);
            counts.put("notes", notes);
            counts.put("lists", lists);
            counts.put("items", items);
            counts.put("tags", tags);
            counts.put("separators", separators);
            counts.put("emails", emails);
            return counts;
        }
    }

    /** How many records were added, changed and removed since the snapshot's parent. */
    public record Changes(long added, long changed, long removed) {
        public long total() {
            return added + changed + removed;
        }
    }

    public boolean complete() {
        return state == RunState.COMPLETE;
    }
}
