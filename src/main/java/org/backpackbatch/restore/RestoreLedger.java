package org.backpackbatch.restore;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.backpackbatch.store.Resource;
import org.backpackbatch.store.RunState;
import org.backpackbatch.store.Store;
import org.backpackbatch.store.Worklist;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What restores have done, kept in the store: runs, their worklists, the id map from source to
 * target records, and what could not be restored. Every write commits at once, so that what a
 * run has created is known even if it is killed the next moment.
 */
public final class RestoreLedger {

    /** One run of a restore: a snapshot replayed into a target account. */
    public record Run(long id, long snapshotId, long targetAccountId, boolean sameAccount, long requests) {
    }

    /** A source record's entry in the id map; {@code targetId} is null while its create is in flight. */
    public record Mapping(long sourceId, Long targetId) {
        public boolean inFlight() {
            return targetId == null;
        }
    }

    /** A thing that could not be restored, of a source unit: a page, or one of the account's resources (by its scope). */
    public record Unrestorable(long sourcePageId, String what, String reason) {
        /** As the report prints it: after its page, or after its resource. */
        public String line() {
            return Resource.ofScope(sourcePageId).map(Resource::label).orElse("page " + sourcePageId) + ": " + what + ": " + reason;
        }
    }

    private final JdbcTemplate jdbc;
    private final Store store;

    public RestoreLedger(Store store) {
        this.jdbc = store.jdbc();
        this.store = store;
    }

    /** The unfinished run of the snapshot into the account (running, failed or interrupted), which a new run continues. */
    public Optional<Run> unfinished(long snapshotId, long targetAccountId) {
        return jdbc.query("SELECT id, snapshot_id, target_account_id, same_account, requests FROM restore_runs"
                + " WHERE snapshot_id = ? AND target_account_id = ? AND finished_at IS NULL ORDER BY id DESC LIMIT 1",
                (rs, row) -> new Run(rs.getLong("id"), rs.getLong("snapshot_id"), rs.getLong("target_account_id"),
                        rs.getBoolean("same_account"), rs.getLong("requests")),
                snapshotId, targetAccountId).stream().findFirst();
    }

    public Run begin(long snapshotId, long targetAccountId, boolean sameAccount) {
        long id = jdbc.queryForObject("INSERT INTO restore_runs (snapshot_id, target_account_id, same_account, started_at)"
                + " VALUES (?, ?, ?, ?) RETURNING id", Long.class, snapshotId, targetAccountId, sameAccount, now());
        return new Run(id, snapshotId, targetAccountId, sameAccount, 0);
    }

    /** Where a run is: complete, or its restore job's last execution's state. */
    public RunState state(long runId) {
        return jdbc.queryForObject("SELECT r.finished_at, " + RunState.lastExecutionStatus(Restore.JOB_NAME, "restore", "r.id", "r.finished_at")
                + " AS run_status FROM restore_runs r WHERE r.id = ?",
                (rs, row) -> RunState.of(rs.getString("finished_at"), rs.getString("run_status")), runId);
    }

    /** The run replayed every page of its worklist. */
    public void complete(long runId) {
        jdbc.update("UPDATE restore_runs SET finished_at = ? WHERE id = ?", now(), runId);
    }

    public void addRequests(long runId, long requests) {
        jdbc.update("UPDATE restore_runs SET requests = requests + ? WHERE id = ?", requests, runId);
    }

    // ---- worklist -----------------------------------------------------------------------

    public void fillWorklist(long runId, List<Long> sourcePageIds) {
        jdbc.update("DELETE FROM restore_worklist WHERE run_id = ?", runId);
        jdbc.batchUpdate("INSERT INTO restore_worklist (run_id, source_page_id) VALUES (?, ?)", sourcePageIds, 500, (ps, pageId) -> {
            ps.setLong(1, runId);
            ps.setLong(2, pageId);
        });
    }

    public List<Long> pendingPages(long runId) {
        return jdbc.queryForList("SELECT source_page_id FROM restore_worklist WHERE run_id = ? AND done = FALSE ORDER BY source_page_id",
                Long.class, runId);
    }

    public Worklist worklist(long runId) {
        return jdbc.queryForObject("SELECT count(*) AS pages, coalesce(sum(CASE WHEN done THEN 1 ELSE 0 END), 0) AS done"
                + " FROM restore_worklist WHERE run_id = ?",
                (rs, row) -> new Worklist(rs.getLong("pages"), rs.getLong("done")), runId);
    }

    public void pageDone(long runId, long sourcePageId) {
        jdbc.update("UPDATE restore_worklist SET done = TRUE WHERE run_id = ? AND source_page_id = ?", runId, sourcePageId);
    }

    // ---- id map -------------------------------------------------------------------------

    public Mapping mapping(long targetAccountId, RestoreKind kind, long sourceId) {
        return jdbc.query("SELECT source_id, target_id FROM restore_ids WHERE target_account_id = ? AND kind = ? AND source_id = ?",
                (rs, row) -> {
                    long target = rs.getLong("target_id");
                    // wasNull answers for the last column read, so it is asked before reading source_id
                    Long targetId = rs.wasNull() ? null : target;
                    return new Mapping(rs.getLong("source_id"), targetId);
                }, targetAccountId, kind.storedName(), sourceId).stream().findFirst().orElse(null);
    }

    /** Notes that a create is about to be sent: committed before the request leaves. */
    public void intend(long targetAccountId, RestoreKind kind, long sourceId) {
        jdbc.update("INSERT INTO restore_ids (target_account_id, kind, source_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                targetAccountId, kind.storedName(), sourceId);
    }

    /** Records which target record a source record became. */
    public void learn(long targetAccountId, RestoreKind kind, long sourceId, long targetId) {
        jdbc.update("INSERT INTO restore_ids (target_account_id, kind, source_id, target_id) VALUES (?, ?, ?, ?)"
                + " ON CONFLICT (target_account_id, kind, source_id) DO UPDATE SET target_id = excluded.target_id",
                targetAccountId, kind.storedName(), sourceId, targetId);
    }

    /** Drops a source record's entry: its target is gone, so the next run creates it again. */
    public void forget(long targetAccountId, RestoreKind kind, long sourceId) {
        jdbc.update("DELETE FROM restore_ids WHERE target_account_id = ? AND kind = ? AND source_id = ?",
                targetAccountId, kind.storedName(), sourceId);
    }

    /** Target ids already taken by some source record: never adopted for another one. */
    public Set<Long> mappedTargets(long targetAccountId, RestoreKind kind) {
        return new HashSet<>(jdbc.queryForList("SELECT target_id FROM restore_ids WHERE target_account_id = ? AND kind = ?"
                + " AND target_id IS NOT NULL", Long.class, targetAccountId, kind.storedName()));
    }

    // ---- report -------------------------------------------------------------------------

    public void unrestorable(long runId, Unrestorable part) {
        jdbc.update("INSERT INTO restore_report (run_id, source_page_id, what, reason) VALUES (?, ?, ?, ?)",
                runId, part.sourcePageId(), part.what(), part.reason());
    }

    public void clearReport(long runId, long sourcePageId) {
        jdbc.update("DELETE FROM restore_report WHERE run_id = ? AND source_page_id = ?", runId, sourcePageId);
    }

    public List<Unrestorable> report(long runId) {
        return jdbc.query("SELECT source_page_id, what, reason FROM restore_report WHERE run_id = ? ORDER BY source_page_id, "
                + store.dialect().insertionOrder(),
                (rs, row) -> new Unrestorable(rs.getLong("source_page_id"), rs.getString("what"), rs.getString("reason")), runId);
    }

    private static String now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
