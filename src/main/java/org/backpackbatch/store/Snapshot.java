package org.backpackbatch.store;

/**
 * One snapshot row: what was taken, when, how far it got, and what it holds. {@code suspect}: it
 * removed at least half of its parent's records (an outage, an emptied account), so {@code forget}
 * does not count it; {@code vanished}: pages pages/all listed that were gone when fetched.
 */
public record Snapshot(
        long id,
        String account,
        Long parentId,
        String origin,
        String status,
        String include,
        String startedAt,
        String finishedAt,
        Counts counts,
        Changes changes,
        long requests,
        boolean suspect,
        long vanished) {

    public static final String RUNNING = "running";
    public static final String COMPLETE = "complete";
    public static final String FAILED = "failed";
    public static final String INTERRUPTED = "interrupted";

    /** How many records of each kind the snapshot holds. */
    public record Counts(long pages, long notes, long lists, long items, long tags, long separators, long emails) {
    }

    /** How many records were added, changed and removed since the snapshot's parent. */
    public record Changes(long added, long changed, long removed) {
        public long total() {
            return added + changed + removed;
        }
    }

    public boolean complete() {
        return COMPLETE.equals(status);
    }
}
