package org.backpackbatch.store;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.backpackbatch.api.model.PageSummary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The snapshots of accounts and the versions of their records. A version holds for a range of
 * its account's snapshots; a backup writes only what changed: a new version for a changed or new
 * record, an end to the range of a changed or vanished one. Methods that change the store run in
 * the caller's transaction when there is one (the batch steps), else in their own.
 */
public final class SnapshotStore {

    /** The job whose executions say where an unfinished snapshot is (see {@link RunState}). */
    public static final String BACKUP_JOB = "backup";

    /** The columns of a version's content, as {@link #RECORD} reads them and {@link #bindRecord} writes them. */
    public static final String VERSION_COLUMNS =
            "kind, record_id, page_id, parent_id, position, type, name, body, created_at, flag, user_id, user_name, due_at, updated_at, remindees";
    /** The versions of an account that a snapshot holds; its arguments: the account's row, the snapshot, the snapshot. */
    private static final String HELD_BY_SNAPSHOT = "account_id = ? AND first_snapshot <= ? AND (last_snapshot IS NULL OR last_snapshot >= ?)";
    /** The snapshot's count columns, one per counted kind. */
    private static final List<RecordKind> COUNTED = Arrays.stream(RecordKind.values()).filter(kind -> kind.countName() != null).toList();
    /**
     * A snapshot and, while it is unfinished, the status of its backup job's last execution: read
     * from Spring Batch's tables in the same database, for the few snapshots without a finish time.
     */
    private static final String SELECT_SNAPSHOTS = "SELECT s.id, a.url, s.parent_id, s.origin, s.include, s.started_at,"
            + " s.finished_at, " + COUNTED.stream().map(kind -> "s." + kind.countName()).collect(Collectors.joining(", "))
            + ", s.added, s.changed, s.removed, s.requests, s.suspect, s.vanished,"
            + " " + RunState.lastExecutionStatus(BACKUP_JOB, "snapshot", "s.id", "s.finished_at") + " AS run_status"
            + " FROM snapshots s JOIN accounts a ON a.id = s.account_id";

    private final Store store;

    /** Rows a batched statement sends at a time, and ids an IN list names at most. */
    private static final int BATCH = 500;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    /**
     * A unit of work a running snapshot still has to fetch: a page, with the scope pages/all gave it,
     * or one of the account's own resources, on its scope's id.
     */
    public record PendingUnit(long id, String scope) {
        /** The resource it is, or empty for a page. */
        public Optional<Resource> resource() {
            return Resource.ofScope(id);
        }
    }

    SnapshotStore(Store store) {
        this.store = store;
        this.jdbc = store.jdbc();
        this.transactions = store.transactions();
    }

    // ---- snapshots ----------------------------------------------------------------------

    /** The account's unfinished backup snapshot (running, failed or interrupted), which a new run must resume. */
    public Optional<Snapshot> unfinished(String accountUrl) {
        return jdbc.query(SELECT_SNAPSHOTS + " WHERE a.url = ? AND s.finished_at IS NULL ORDER BY s.id DESC LIMIT 1",
                SNAPSHOT, accountUrl).stream().findFirst();
    }

    /** Starts a snapshot of the account; its parent is the account's latest complete snapshot. */
    public Snapshot begin(String accountUrl, Include include, Snapshot.Origin origin) {
        return transactions.execute(status -> {
            long accountId = accountId(accountUrl);
            Long parent = latestComplete(accountUrl).map(Snapshot::id).orElse(null);
            long id = jdbc.queryForObject("INSERT INTO snapshots (account_id, parent_id, origin, include, started_at)"
                    + " VALUES (?, ?, ?, ?, ?) RETURNING id", Long.class, accountId, parent, origin.label(), include.storedName(), now());
            return snapshot(id);
        });
    }

    public Snapshot snapshot(long id) {
        return jdbc.query(SELECT_SNAPSHOTS + " WHERE s.id = ?", SNAPSHOT, id).stream().findFirst()
                .orElseThrow(() -> new NoSuchSnapshotException(id));
    }

    public Optional<Snapshot> latestComplete(String accountUrl) {
        return jdbc.query(SELECT_SNAPSHOTS + " WHERE a.url = ? AND s.finished_at IS NOT NULL ORDER BY s.id DESC LIMIT 1",
                SNAPSHOT, accountUrl).stream().findFirst();
    }

    /** Every snapshot, oldest first; only those of one account when {@code accountUrl} is given. */
    public List<Snapshot> snapshots(String accountUrl) {
        return accountUrl == null
                ? jdbc.query(SELECT_SNAPSHOTS + " ORDER BY s.id", SNAPSHOT)
                : jdbc.query(SELECT_SNAPSHOTS + " WHERE a.url = ? ORDER BY s.id", SNAPSHOT, accountUrl);
    }

    /** A backup of the account that failed or was stopped: when it ended, which snapshot, and its error line. */
    public record FailedRun(Instant endedAt, long snapshotId, RunState state, String error) {
    }

    /**
     * The account's last backups that did not end well, newest first: the executions of its
     * snapshots' backup job that failed or were stopped, as Spring Batch's repository recorded them.
     */
    public List<FailedRun> failedRuns(String accountUrl, int limit) {
        return jdbc.query("SELECT e.END_TIME, s.id, e.STATUS, e.EXIT_MESSAGE FROM BATCH_JOB_EXECUTION e"
                + " JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID"
                + " JOIN BATCH_JOB_EXECUTION_PARAMS p ON p.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID AND p.PARAMETER_NAME = 'snapshot'"
                + " JOIN snapshots s ON CAST(s.id AS TEXT) = p.PARAMETER_VALUE JOIN accounts a ON a.id = s.account_id"
                + " WHERE i.JOB_NAME = '" + BACKUP_JOB + "' AND a.url = ? AND e.STATUS IN ('FAILED', 'STOPPED')"
                + " ORDER BY e.JOB_EXECUTION_ID DESC LIMIT ?",
                (rs, row) -> new FailedRun(endTime(rs), rs.getLong("id"), RunState.ofExecution(rs.getString("STATUS")),
                        errorLine(rs.getString("EXIT_MESSAGE"))), accountUrl, limit);
    }

    private static Instant endTime(ResultSet rs) throws SQLException {
        java.sql.Timestamp ended = rs.getTimestamp("END_TIME");
        return ended == null ? Instant.EPOCH : ended.toInstant();
    }

    /** The first line of an execution's exit message (a stack trace), without the exception's class name. */
    private static String errorLine(String exitMessage) {
        if (exitMessage == null || exitMessage.isBlank()) {
            return "stopped";
        }
        String first = exitMessage.lines().findFirst().orElse(exitMessage).strip();
        return first.replaceFirst("^[\\w.$]+(Exception|Error|Failure|Interrupted): ", "");
    }

    // ---- taking a snapshot --------------------------------------------------------------

    /**
     * Records the snapshot's worklist: the pages pages/all listed, each once (a list that names a
     * page twice keeps its first entry), and a unit for each of the account's own resources it
     * includes. Every page the account no longer has, and every resource the snapshot does not
     * include, ends the range of all its records.
     */
    public void recordWorklist(long snapshotId, List<PageSummary> pages, Include include) {
        SnapshotRow snapshot = row(snapshotId);
        Map<Long, String> units = new LinkedHashMap<>();
        include.accountResources().forEach(resource -> units.put(resource.scope(), resource.label()));
        pages.forEach(page -> units.putIfAbsent(page.id(), page.scope() == null ? "personal" : page.scope().xmlName()));
        jdbc.update("DELETE FROM snapshot_worklist WHERE snapshot_id = ?", snapshotId);
        jdbc.batchUpdate("INSERT INTO snapshot_worklist (snapshot_id, page_id, scope) VALUES (?, ?, ?)", units.entrySet(), BATCH, (ps, unit) -> {
            ps.setLong(1, snapshotId);
            ps.setLong(2, unit.getKey());
            ps.setString(3, unit.getValue());
        });
        List<Long> stored = jdbc.queryForList(
                "SELECT DISTINCT page_id FROM versions WHERE account_id = ? AND last_snapshot IS NULL", Long.class, snapshot.accountId());
        recordUnits(snapshot, stored.stream().filter(unitId -> !units.containsKey(unitId))
                .map(unitId -> new UnitRecords(unitId, List.of())).toList());
    }

    /** The units of the worklist not stored yet, in id order: the account's own resources first, then the pages. */
    public List<PendingUnit> pendingUnits(long snapshotId) {
        return jdbc.query("SELECT page_id, scope FROM snapshot_worklist WHERE snapshot_id = ? AND done = FALSE ORDER BY page_id",
                (rs, row) -> new PendingUnit(rs.getLong("page_id"), rs.getString("scope")), snapshotId);
    }

    /** How many units the worklist has in all, and how many are stored: for progress. */
    public Worklist worklist(long snapshotId) {
        return jdbc.queryForObject("SELECT count(*) AS pages, coalesce(sum(CASE WHEN done THEN 1 ELSE 0 END), 0) AS done"
                + " FROM snapshot_worklist WHERE snapshot_id = ?", Worklist.ROW, snapshotId);
    }

    /**
     * Stores one fetched unit, a page or a resource of the account: its records are compared with
     * the current versions of that unit; new and changed ones get a version, vanished and changed
     * ones end their range; a record the unit lists twice is taken once, as first listed. An empty
     * list means the unit is gone. Marks the unit done in the worklist.
     */
    public void recordUnit(long snapshotId, long unitId, List<RecordVersion> records) {
        recordUnits(snapshotId, List.of(new UnitRecords(unitId, records)));
    }

    /**
     * A unit's records as fetched: those of a page or of one of the account's own resources, none
     * when it is gone; with their hashes, computed where the unit is made (a backup's fetchers, in
     * parallel), not by the store's one writer.
     */
    public record UnitRecords(long unitId, List<RecordVersion> records, List<byte[]> hashes) {

        public UnitRecords(long unitId, List<RecordVersion> records) {
            this(unitId, List.copyOf(records), records.stream().map(RecordVersion::hash).toList());
        }
    }

    /**
     * Stores several fetched units as {@link #recordUnit} stores one, with one read of their current
     * versions and one batch of each change for all of them: a chunk costs a few statements, not a
     * few a page.
     */
    public void recordUnits(long snapshotId, List<UnitRecords> units) {
        if (units.isEmpty()) {
            return;
        }
        recordUnits(row(snapshotId), units);
        jdbc.batchUpdate("UPDATE snapshot_worklist SET done = TRUE WHERE snapshot_id = ? AND page_id = ?", units, BATCH, (ps, unit) -> {
            ps.setLong(1, snapshotId);
            ps.setLong(2, unit.unitId());
        });
    }

    /** A page pages/all listed that answered 404 when fetched: the snapshot no longer has it, and counts it. */
    public void recordVanishedPage(long snapshotId, long pageId) {
        recordUnit(snapshotId, pageId, List.of());
        jdbc.update("UPDATE snapshots SET vanished = vanished + 1 WHERE id = ?", snapshotId);
    }

    /** A snapshot's own row: its id, its account's row and its parent, what storing or reading its records needs. */
    private record SnapshotRow(long id, long accountId, Long parentId) {
    }

    /** Only the snapshot's own row, not the run state {@link #snapshot} reads from Spring Batch's tables (storing reads it once a chunk). */
    private SnapshotRow row(long snapshotId) {
        return jdbc.query("SELECT account_id, parent_id FROM snapshots WHERE id = ?",
                (rs, row) -> new SnapshotRow(snapshotId, rs.getLong("account_id"), nullableLong(rs, "parent_id")), snapshotId)
                .stream().findFirst().orElseThrow(() -> new NoSuchSnapshotException(snapshotId));
    }

    private void recordUnits(SnapshotRow snapshot, List<UnitRecords> units) {
        Map<RecordVersion.Key, CurrentVersion> current = currentVersions(snapshot.accountId(), units);
        List<NewVersion> inserts = new ArrayList<>();
        List<CurrentVersion> ends = new ArrayList<>();
        Set<RecordVersion.Key> seen = new HashSet<>();
        for (UnitRecords unit : units) {
            for (int i = 0; i < unit.records().size(); i++) {
                RecordVersion record = unit.records().get(i);
                if (!seen.add(record.key())) {
                    // a page that lists a record twice: two current versions of one record would never both end
                    continue;
                }
                CurrentVersion existing = current.remove(record.key());
                byte[] hash = unit.hashes().get(i);
                if (existing == null) {
                    inserts.add(new NewVersion(record, hash));
                } else if (!existing.holds(record, hash)) {
                    ends.add(existing);
                    inserts.add(new NewVersion(record, hash));
                }
            }
        }
        ends.addAll(current.values());
        endRanges(snapshot, ends);
        insertVersions(snapshot.accountId(), snapshot.id(), inserts);
    }

    /** The current versions of the units' records, with their stored hashes. */
    private Map<RecordVersion.Key, CurrentVersion> currentVersions(long accountId, List<UnitRecords> units) {
        Map<RecordVersion.Key, CurrentVersion> current = new HashMap<>();
        List<Long> unitIds = units.stream().map(UnitRecords::unitId).distinct().toList();
        for (int from = 0; from < unitIds.size(); from += BATCH) {
            List<Long> group = unitIds.subList(from, Math.min(unitIds.size(), from + BATCH));
            List<Object> arguments = new ArrayList<>(group.size() + 1);
            arguments.add(accountId);
            arguments.addAll(group);
            // without statistics SQLite prefers versions_by_end, which reads every current version of the account for each page
            jdbc.query("SELECT " + VERSION_COLUMNS + ", hash, id, first_snapshot FROM " + store.dialect().currentVersionsOfAPage()
                    + " WHERE account_id = ? AND page_id IN (" + String.join(", ", Collections.nCopies(group.size(), "?"))
                    + ") AND last_snapshot IS NULL",
                    rs -> {
                        RecordVersion stored = RECORD.mapRow(rs, 0);
                        current.put(stored.key(), new CurrentVersion(rs.getLong("id"), stored, rs.getBytes("hash"), rs.getLong("first_snapshot")));
                    }, arguments.toArray());
        }
        return current;
    }

    /** A current version: its id, its content, its stored hash and where its range begins. */
    private record CurrentVersion(long id, RecordVersion content, byte[] hash, long firstSnapshot) {

        /**
         * Whether it holds the fetched record, whose hash is {@code fetchedHash}: the same hash, and a
         * content that matches it (a damaged row does not: the fresh copy replaces it). Equal contents
         * are checked first, so that an unchanged record is not hashed a second time.
         */
        boolean holds(RecordVersion fetched, byte[] fetchedHash) {
            return Arrays.equals(hash, fetchedHash) && (content.equals(fetched) || Arrays.equals(hash, content.hash()));
        }
    }

    /** A record to store with its hash, computed once: hashing a large note is not free. */
    private record NewVersion(RecordVersion record, byte[] hash) {
    }

    /** A version ends at the parent snapshot; one this same snapshot wrote is simply replaced. */
    private void endRanges(SnapshotRow snapshot, List<CurrentVersion> versions) {
        List<CurrentVersion> ownVersions = versions.stream().filter(v -> v.firstSnapshot() == snapshot.id()).toList();
        List<CurrentVersion> olderVersions = versions.stream().filter(v -> v.firstSnapshot() != snapshot.id()).toList();
        if (!ownVersions.isEmpty()) {
            jdbc.batchUpdate("DELETE FROM versions WHERE id = ?", ownVersions, BATCH, (ps, version) -> ps.setLong(1, version.id()));
        }
        if (olderVersions.isEmpty()) {
            return;
        }
        if (snapshot.parentId() == null) {
            throw new IllegalStateException("snapshot " + snapshot.id() + " has no parent but its account has older versions");
        }
        jdbc.batchUpdate("UPDATE versions SET last_snapshot = ? WHERE id = ?", olderVersions, BATCH, (ps, version) -> {
            ps.setLong(1, snapshot.parentId());
            ps.setLong(2, version.id());
        });
    }

    /**
     * Versions one INSERT writes: the driver steps each statement of a batch with calls into SQLite
     * of its own, which the rows of a statement share (a fifth of the insert's time with one row a statement).
     */
    private static final int ROWS_A_STATEMENT = 50;

    /**
     * Inserts the versions in their order, {@link #ROWS_A_STATEMENT} a statement, the rest in one
     * statement of their own; versions that all leave the columns of the account's own resources
     * empty (those of pages) are inserted without them: each value bound is a call into SQLite.
     */
    private void insertVersions(long accountId, long snapshotId, List<NewVersion> versions) {
        int fields = versions.stream().allMatch(version -> version.record().onlyPageFields()) ? PAGE_FIELDS : RECORD_FIELDS;
        int whole = versions.size() - versions.size() % ROWS_A_STATEMENT;
        insertVersions(accountId, snapshotId, fields, versions.subList(0, whole), ROWS_A_STATEMENT);
        insertVersions(accountId, snapshotId, fields, versions.subList(whole, versions.size()), versions.size() - whole);
    }

    private void insertVersions(long accountId, long snapshotId, int fields, List<NewVersion> versions, int rowsAStatement) {
        if (versions.isEmpty()) {
            return;
        }
        List<List<NewVersion>> statements = new ArrayList<>();
        for (int from = 0; from < versions.size(); from += rowsAStatement) {
            statements.add(versions.subList(from, from + rowsAStatement));
        }
        // the account, the record's fields, its hash, its first snapshot
        int parameters = fields + 3;
        String row = "(" + "?, ".repeat(parameters - 1) + "?)";
        jdbc.batchUpdate("INSERT INTO versions (account_id, " + (fields == PAGE_FIELDS ? PAGE_COLUMNS : VERSION_COLUMNS)
                + ", hash, first_snapshot) VALUES " + String.join(", ", Collections.nCopies(rowsAStatement, row)),
                statements, Math.max(1, BATCH / rowsAStatement), (ps, rows) -> {
                    int first = 1;
                    for (NewVersion version : rows) {
                        ps.setLong(first, accountId);
                        bindRecord(ps, first + 1, version.record(), fields);
                        ps.setBytes(first + 1 + fields, version.hash());
                        ps.setLong(first + 2 + fields, snapshotId);
                        first += parameters;
                    }
                });
    }

    /** How many columns {@link #bindRecord} binds: those of {@link #VERSION_COLUMNS}. */
    static final int RECORD_FIELDS = VERSION_COLUMNS.split(",").length;

    static void bindRecord(PreparedStatement ps, int first, RecordVersion record) throws SQLException {
        bindRecord(ps, first, record, RECORD_FIELDS);
    }

    /** Binds the first {@code fields} fields of the record: all of them, or those of a page's record ({@link #PAGE_FIELDS}). */
    private static void bindRecord(PreparedStatement ps, int first, RecordVersion record, int fields) throws SQLException {
        ps.setString(first, record.kind().storedName());
        ps.setLong(first + 1, record.recordId());
        ps.setLong(first + 2, record.pageId());
        setNullable(ps, first + 3, record.parentId());
        setNullable(ps, first + 4, record.position() == null ? null : record.position().longValue());
        ps.setString(first + 5, record.type());
        ps.setString(first + 6, record.name());
        ps.setString(first + 7, record.body());
        ps.setString(first + 8, record.createdAt());
        setNullable(ps, first + 9, record.flag() == null ? null : record.flag().longValue());
        if (fields == PAGE_FIELDS) {
            return;
        }
        setNullable(ps, first + 10, record.userId());
        ps.setString(first + 11, record.userName());
        ps.setString(first + 12, record.dueAt());
        ps.setString(first + 13, record.updatedAt());
        ps.setString(first + 14, record.remindees());
    }

    private static void setNullable(PreparedStatement ps, int index, Long value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.INTEGER);
        } else {
            ps.setLong(index, value);
        }
    }

    /**
     * Counts what the snapshot holds and what changed since its parent, and marks it complete; suspect
     * when it removed at least half of its parent's records (a parent with none never makes it suspect).
     */
    public Snapshot complete(long snapshotId, long requests) {
        return transactions.execute(status -> {
            Snapshot snapshot = snapshot(snapshotId);
            long accountId = accountId(snapshot.account());
            Map<RecordKind, Long> counts = new EnumMap<>(RecordKind.class);
            jdbc.query("SELECT kind, count(DISTINCT CASE WHEN kind = 'tag' THEN record_id ELSE id END) AS records FROM versions"
                    + " WHERE account_id = ? AND first_snapshot <= ? AND last_snapshot IS NULL GROUP BY kind",
                    rs -> {
                        counts.put(RecordKind.fromStored(rs.getString("kind")), rs.getLong("records"));
                    }, accountId, snapshotId);
            Snapshot.Counts stored = Snapshot.Counts.of(counts);
            Snapshot.Changes changes = snapshot.parentId() == null
                    ? new Snapshot.Changes(countVersions(accountId, snapshotId), 0, 0)
                    : changes(snapshot.parentId(), snapshotId);
            long parentRecords = snapshot.parentId() == null ? 0 : recordCount(snapshot.parentId());
            boolean suspect = parentRecords > 0 && changes.removed() * 2 >= parentRecords;
            List<Object> values = new ArrayList<>();
            values.add(now());
            COUNTED.forEach(kind -> values.add(stored.of(kind)));
            values.addAll(List.of(changes.added(), changes.changed(), changes.removed(), requests, suspect, snapshotId));
            jdbc.update("UPDATE snapshots SET finished_at = ?, " + COUNTED.stream().map(kind -> kind.countName() + " = ?")
                    .collect(Collectors.joining(", ")) + ", added = ?, changed = ?, removed = ?, requests = requests + ?,"
                    + " suspect = ? WHERE id = ?", values.toArray());
            jdbc.update("DELETE FROM snapshot_worklist WHERE snapshot_id = ?", snapshotId);
            return snapshot(snapshotId);
        });
    }

    /**
     * Records what an imported snapshot was at its source: what it included, and when its data was
     * taken (its start and finish both, the archive knows no more), rather than when it was imported.
     */
    public void describeImport(long snapshotId, Include include, String takenAt) {
        jdbc.update("UPDATE snapshots SET include = ?, started_at = ?, finished_at = ? WHERE id = ?", include.storedName(), takenAt,
                takenAt, snapshotId);
    }

    /** Adds requests a run spent without completing, so the snapshot's total stays true across resumes. */
    public void addRequests(long snapshotId, long requests) {
        jdbc.update("UPDATE snapshots SET requests = requests + ? WHERE id = ?", requests, snapshotId);
    }

    private long countVersions(long accountId, long snapshotId) {
        return jdbc.queryForObject("SELECT count(*) FROM versions WHERE account_id = ? AND first_snapshot = ?", Long.class,
                accountId, snapshotId);
    }

    // ---- reading snapshots --------------------------------------------------------------

    /** How many records (of every kind, belongings and the rest included) the snapshot holds. */
    public long recordCount(long snapshotId) {
        long accountId = row(snapshotId).accountId();
        return jdbc.queryForObject("SELECT count(*) FROM versions WHERE " + HELD_BY_SNAPSHOT, Long.class, accountId, snapshotId, snapshotId);
    }

    /** How many records were added, changed and removed between two snapshots of one account. */
    public Snapshot.Changes changes(long fromSnapshot, long toSnapshot) {
        List<Difference> differences = new ArrayList<>();
        differences(fromSnapshot, toSnapshot, differences::add);
        long added = differences.stream().filter(d -> d.change() == Difference.Change.ADDED).count();
        long changed = differences.stream().filter(d -> d.change() == Difference.Change.CHANGED).count();
        return new Snapshot.Changes(added, changed, differences.size() - added - changed);
    }

    /**
     * The records that differ between two snapshots of one account, read from the version ranges:
     * versions that began after {@code from} and still hold at {@code to} were added or changed;
     * versions that held at {@code from} and ended before {@code to} were changed or removed. A change
     * is a different content hash, nothing else: a record that changed and changed back in between
     * (an archive of an older snapshot imported) has equal hashes on both sides and is no difference.
     */
    public void differences(long fromSnapshot, long toSnapshot, Consumer<Difference> sink) {
        Snapshot from = snapshot(fromSnapshot);
        Snapshot to = snapshot(toSnapshot);
        if (!from.account().equals(to.account())) {
            throw new IllegalArgumentException("snapshots " + fromSnapshot + " and " + toSnapshot + " are of different accounts");
        }
        if (fromSnapshot >= toSnapshot) {
            throw new IllegalArgumentException("snapshot " + fromSnapshot + " is not older than snapshot " + toSnapshot);
        }
        long accountId = row(fromSnapshot).accountId();
        // Versions of one record never overlap, so a record's other version is always among the few that began or ended
        // between the two snapshots: matching those among themselves keeps a diff as cheap as the changes are few.
        String betweenTheTwo = "WITH n AS MATERIALIZED (SELECT * FROM versions WHERE account_id = ? AND first_snapshot > ?"
                + " AND first_snapshot <= ? AND (last_snapshot IS NULL OR last_snapshot >= ?)),"
                + " o AS MATERIALIZED (SELECT * FROM versions WHERE account_id = ? AND first_snapshot <= ? AND last_snapshot >= ?"
                + " AND last_snapshot < ?) ";
        Object[] bounds = {accountId, fromSnapshot, toSnapshot, toSnapshot, accountId, fromSnapshot, fromSnapshot, toSnapshot};
        String sameRecord = "o.kind = n.kind AND o.record_id = n.record_id AND o.page_id = n.page_id";
        store.stream(betweenTheTwo + "SELECT " + prefixed("n") + ", EXISTS (SELECT 1 FROM o WHERE " + sameRecord + ") AS was_there"
                + " FROM n WHERE NOT EXISTS (SELECT 1 FROM o WHERE " + sameRecord + " AND o.hash = n.hash)"
                + " ORDER BY n.kind, n.page_id, n.record_id",
                rs -> {
                    RecordVersion version = RECORD.mapRow(rs, 0);
                    sink.accept(new Difference(rs.getBoolean("was_there") ? Difference.Change.CHANGED : Difference.Change.ADDED, version));
                }, bounds);
        store.stream(betweenTheTwo + "SELECT " + prefixed("o") + " FROM o WHERE NOT EXISTS (SELECT 1 FROM n WHERE " + sameRecord + ")"
                + " ORDER BY o.kind, o.page_id, o.record_id",
                rs -> {
                    sink.accept(new Difference(Difference.Change.REMOVED, RECORD.mapRow(rs, 0)));
                }, bounds);
    }

    /** Every record the snapshot holds, unit by unit in id order (the account's own resources first), each unit's records in kind order. */
    public void records(long snapshotId, Consumer<RecordVersion> sink) {
        records(snapshotId, "", VERSION_COLUMNS, RECORD, sink);
    }

    private void records(long snapshotId, String unitsWhere, String columns, RowMapper<RecordVersion> mapper, Consumer<RecordVersion> sink) {
        long accountId = row(snapshotId).accountId();
        store.stream("SELECT " + columns + " FROM versions WHERE " + HELD_BY_SNAPSHOT + unitsWhere + " ORDER BY page_id, kind, record_id",
                rs -> {
                    sink.accept(mapper.mapRow(rs, 0));
                }, accountId, snapshotId, snapshotId);
    }

    /**
     * Copies the records of the snapshot's pages (not those of the account's own resources) into
     * {@code table} of another SQLite database, a table with the columns of {@link #VERSION_COLUMNS},
     * in no particular order: from an SQLite store SQLite copies them itself (the store attached
     * read-only to {@code target}), from PostgreSQL they are streamed and inserted in batches.
     * {@code target} must be in auto-commit mode (SQLite attaches a file only outside a transaction).
     */
    public void copyPageRecords(long snapshotId, Connection target, String table) throws SQLException {
        long accountId = row(snapshotId).accountId();
        String ofTheSnapshot = " WHERE " + HELD_BY_SNAPSHOT + " AND page_id >= 0";
        String insert = "INSERT INTO " + table + " (" + VERSION_COLUMNS + ") ";
        if (store.location() instanceof StoreLocation.SqliteFile file) {
            try (PreparedStatement attach = target.prepareStatement("ATTACH DATABASE ? AS store")) {
                attach.setString(1, file.file().toAbsolutePath().toUri() + "?mode=ro");
                attach.execute();
            }
            try (PreparedStatement copy = target.prepareStatement(insert + "SELECT " + VERSION_COLUMNS + " FROM store.versions" + ofTheSnapshot)) {
                copy.setLong(1, accountId);
                copy.setLong(2, snapshotId);
                copy.setLong(3, snapshotId);
                copy.executeUpdate();
            } finally {
                try (Statement detach = target.createStatement()) {
                    detach.execute("DETACH DATABASE store");
                }
            }
            return;
        }
        target.setAutoCommit(false);
        try (PreparedStatement rows = target.prepareStatement(insert + "VALUES (" + "?, ".repeat(RECORD_FIELDS - 1) + "?)")) {
            int[] pending = {0};
            store.stream("SELECT " + VERSION_COLUMNS + " FROM versions" + ofTheSnapshot, rs -> {
                bindRecord(rows, 1, RECORD.mapRow(rs, 0));
                rows.addBatch();
                if (++pending[0] == BATCH) {
                    rows.executeBatch();
                    pending[0] = 0;
                }
            }, accountId, snapshotId, snapshotId);
            rows.executeBatch();
            target.commit();
        } finally {
            target.setAutoCommit(true);
        }
    }

    /**
     * The snapshot's pages, one at a time in page id order, each whole (records of kinds not backed up
     * are absent), handed to {@code sink} on a thread of its own while the next are read (a few
     * dozen pages ahead at most); {@code sink} must not use this store. Returns once the sink has
     * taken the last; a failure of the sink is thrown here.
     */
    public void pages(long snapshotId, Consumer<PageRecords.StoredPage> sink) {
        try (HandOff<List<RecordVersion>> pages = new HandOff<>("pages", 8, 4, records -> sink.accept(PageRecords.fromRecords(records)))) {
            List<List<RecordVersion>> page = new ArrayList<>(List.of(new ArrayList<>()));
            records(snapshotId, " AND page_id >= 0", PAGE_COLUMNS, PAGE_RECORD, record -> {
                if (!page.get(0).isEmpty() && page.get(0).get(0).pageId() != record.pageId()) {
                    pages.accept(page.set(0, new ArrayList<>()));
                }
                page.get(0).add(record);
            });
            if (!page.get(0).isEmpty()) {
                pages.accept(page.get(0));
            }
            pages.finish();
        }
    }

    /** The snapshot's account beyond its pages: each resource it included, null for the others. */
    public AccountRecords.StoredAccount account(long snapshotId) {
        List<RecordVersion> records = new ArrayList<>();
        records(snapshotId, " AND page_id < 0", VERSION_COLUMNS, RECORD, records::add);
        return AccountRecords.fromRecords(records, snapshot(snapshotId).include());
    }

    // ---- shared -------------------------------------------------------------------------

    /** The store's row for an account URL, created when missing. */
    public long accountId(String accountUrl) {
        OptionalLong known = knownAccountId(accountUrl);
        if (known.isPresent()) {
            return known.getAsLong();
        }
        jdbc.update("INSERT INTO accounts (url) VALUES (?)", accountUrl);
        return jdbc.queryForObject("SELECT id FROM accounts WHERE url = ?", Long.class, accountUrl);
    }

    /** The store's row for an account URL, if it has one: what a reader asks, which creates nothing. */
    public OptionalLong knownAccountId(String accountUrl) {
        // a row mapper of its own, not a column's type: Spring would make its conversion service for that, a short command's 10 ms
        return jdbc.query("SELECT id FROM accounts WHERE url = ?", (rs, row) -> rs.getLong(1), accountUrl).stream().mapToLong(Long::longValue)
                .findFirst();
    }

    private static String prefixed(String alias) {
        return alias + "." + VERSION_COLUMNS.replace(", ", ", " + alias + ".");
    }

    private static String now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** A version's content from a row whose first columns are {@link #VERSION_COLUMNS}, read by position: no name looked up a column. */
    static final RowMapper<RecordVersion> RECORD = record(RECORD_FIELDS);

    /**
     * How many of {@link #VERSION_COLUMNS} the records of a page use: those before {@code user_id},
     * which only the account's own resources use (each column read is a call into SQLite, two for a number).
     */
    private static final int PAGE_FIELDS = 10;
    private static final String PAGE_COLUMNS = String.join(", ", List.of(VERSION_COLUMNS.split(", ")).subList(0, PAGE_FIELDS));
    static final RowMapper<RecordVersion> PAGE_RECORD = record(PAGE_FIELDS);
    /**
     * True in a row of {@code versions} that leaves every column after a page's empty, as a page's
     * records do: such a row's record is read with {@link #PAGE_RECORD}, five calls into SQLite fewer.
     */
    static final String PAGE_SHAPED = "(" + List.of(VERSION_COLUMNS.split(", ")).subList(PAGE_FIELDS, RECORD_FIELDS).stream()
            .map(column -> column + " IS NULL").collect(Collectors.joining(" AND ")) + ")";

    /** A version's content from a row whose first {@code fields} columns are those of {@link #VERSION_COLUMNS}; the others null. */
    private static RowMapper<RecordVersion> record(int fields) {
        boolean all = fields > PAGE_FIELDS;
        return (rs, row) -> new RecordVersion(
                RecordKind.fromStored(text(rs, 1)), rs.getLong(2), rs.getLong(3), nullableLong(rs, 4),
                nullableInt(rs, 5), text(rs, 6), text(rs, 7), text(rs, 8), text(rs, 9),
                nullableInt(rs, 10), all ? nullableLong(rs, 11) : null, all ? text(rs, 12) : null, all ? text(rs, 13) : null,
                all ? text(rs, 14) : null, all ? text(rs, 15) : null);
    }

    private static final RowMapper<Snapshot> SNAPSHOT = (rs, row) -> new Snapshot(
            rs.getLong("id"), rs.getString("url"), nullableLong(rs, "parent_id"), Snapshot.Origin.fromLabel(rs.getString("origin")),
            RunState.of(rs.getString("finished_at"), rs.getString("run_status")),
            Include.parse(rs.getString("include")), rs.getString("started_at"), rs.getString("finished_at"),
            counts(rs),
            new Snapshot.Changes(rs.getLong("added"), rs.getLong("changed"), rs.getLong("removed")), rs.getLong("requests"),
            rs.getBoolean("suspect"), rs.getLong("vanished"));

    private static Snapshot.Counts counts(ResultSet rs) throws SQLException {
        Map<RecordKind, Long> counts = new EnumMap<>(RecordKind.class);
        for (RecordKind kind : COUNTED) {
            counts.put(kind, rs.getLong(kind.countName()));
        }
        return Snapshot.Counts.of(counts);
    }

    /**
     * A text column, from its UTF-8 bytes: SQLite's driver hands bytes at half the cost of a string
     * (its getString wraps each value in a direct buffer first), and on PostgreSQL a text column's
     * bytes are its UTF-8 too. Reading every version of a store is mostly such calls.
     */
    static String text(ResultSet rs, int column) throws SQLException {
        byte[] bytes = rs.getBytes(column);
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    /**
     * A nullable number column. As one object: SQLite's driver answers a null with one call into
     * SQLite where {@code getLong} and {@code wasNull} take two (a value takes two either way).
     */
    static Long nullableLong(ResultSet rs, int column) throws SQLException {
        Object value = rs.getObject(column);
        return value == null ? null : value instanceof Number number ? number.longValue() : rs.getLong(column);
    }

    private static Integer nullableInt(ResultSet rs, int column) throws SQLException {
        Long value = nullableLong(rs, column);
        return value == null ? null : value.intValue();
    }
}
