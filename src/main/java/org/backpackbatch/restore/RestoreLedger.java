package org.backpackbatch.restore;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What restores have done, kept in the store: runs, their worklists, the id map from source to
 * target records, and what could not be restored. Every write commits at once, so that what a
 * run has created is known even if it is killed the next moment.
 */
public final class RestoreLedger {

    /** One run of a restore: a snapshot replayed into a target account. */
    public record Run(long id, long snapshotId, long targetAccountId, String status, boolean sameAccount, long requests) {
    }

    /** A source record's entry in the id map; {@code targetId} is null while its create is in flight. */
    public record Mapping(long sourceId, Long targetId) {
        public boolean inFlight() {
            return targetId == null;
        }
    }

    /** A thing that could not be restored, on a source page. */
    public record Unrestorable(long sourcePageId, String what, String reason) {
        /** As the report prints it. */
        public String line() {
            return "page " + sourcePageId + ": " + what + ": " + reason;
        }
    }

    private final JdbcTemplate jdbc;

    public RestoreLedger(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The running, failed or interrupted run of the snapshot into the account, which a new run continues. */
    public Optional<Run> unfinished(long snapshotId, long targetAccountId) {
        return jdbc.query("SELECT id, snapshot_id, target_account_id, status, same_account, requests FROM restore_runs"
                + " WHERE snapshot_id = ? AND target_account_id = ? AND status IN ('running', 'failed', 'interrupted')"
                + " ORDER BY id DESC LIMIT 1",
                (rs, row) -> new Run(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getInt(5) == 1, rs.getLong(6)),
                snapshotId, targetAccountId).stream().findFirst();
    }

    public Run begin(long snapshotId, long targetAccountId, boolean sameAccount) {
        jdbc.update("INSERT INTO restore_runs (snapshot_id, target_account_id, status, same_account, started_at) VALUES (?, ?, 'running', ?, ?)",
                snapshotId, targetAccountId, sameAccount ? 1 : 0, now());
        long id = jdbc.queryForObject("SELECT last_insert_rowid()", Long.class);
        return new Run(id, snapshotId, targetAccountId, "running", sameAccount, 0);
    }

    public void setStatus(long runId, String status) {
        jdbc.update("UPDATE restore_runs SET status = ?, finished_at = CASE WHEN ? = 'complete' THEN ? ELSE finished_at END WHERE id = ?",
                status, status, now(), runId);
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
        return jdbc.queryForList("SELECT source_page_id FROM restore_worklist WHERE run_id = ? AND done = 0 ORDER BY source_page_id",
                Long.class, runId);
    }

    public long[] worklistProgress(long runId) {
        return jdbc.queryForObject("SELECT count(*), coalesce(sum(done), 0) FROM restore_worklist WHERE run_id = ?",
                (rs, row) -> new long[] {rs.getLong(1), rs.getLong(2)}, runId);
    }

    public void pageDone(long runId, long sourcePageId) {
        jdbc.update("UPDATE restore_worklist SET done = 1 WHERE run_id = ? AND source_page_id = ?", runId, sourcePageId);
    }

    // ---- id map -------------------------------------------------------------------------

    public Mapping mapping(long targetAccountId, RestoreKind kind, long sourceId) {
        return jdbc.query("SELECT source_id, target_id FROM restore_ids WHERE target_account_id = ? AND kind = ? AND source_id = ?",
                (rs, row) -> {
                    long target = rs.getLong(2);
                    // wasNull answers for the last column read, so it is asked before reading source_id
                    Long targetId = rs.wasNull() ? null : target;
                    return new Mapping(rs.getLong(1), targetId);
                }, targetAccountId, kind.storedName(), sourceId).stream().findFirst().orElse(null);
    }

    /** Notes that a create is about to be sent: committed before the request leaves. */
    public void intend(long targetAccountId, RestoreKind kind, long sourceId) {
        jdbc.update("INSERT OR IGNORE INTO restore_ids (target_account_id, kind, source_id) VALUES (?, ?, ?)",
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
        return jdbc.query("SELECT source_page_id, what, reason FROM restore_report WHERE run_id = ? ORDER BY source_page_id, rowid",
                (rs, row) -> new Unrestorable(rs.getLong(1), rs.getString(2), rs.getString(3)), runId);
    }

    private static String now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
