package org.backpackbatch.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.backpackbatch.api.model.Bookmark;
import org.backpackbatch.api.model.User;
import org.backpackbatch.api.model.WidgetType;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Checks a store, as restic's {@code check} does a repository: the database's own check (SQLite's
 * integrity check; PostgreSQL's amcheck where the database has it, else the server's word); every
 * version against its content hash and its range of snapshots; and every complete snapshot (or
 * the one asked for) as a whole: each record's page is there, each widget has its belonging and
 * each belonging its widget, each item its list and each image its gallery, no record twice, and
 * the counts the snapshot stored are the counts of its records. Of the account's own resources:
 * each record is of its resource's kinds and of a resource the snapshot included, a reminder's
 * creator and remindees, an entry's author, a status's user and a bookmark's owner are users of
 * the snapshot (when it holds its users), each event's calendar is there, a user has one status
 * and one user is the token's. Each problem goes to the sink as one line naming it; reading on
 * after a damaged part finds the others.
 */
public final class StoreVerifier {

    /**
     * What was checked and how many problems were found; {@code databaseCheck} says what the
     * database's own check was, as it follows the store's name ("passes SQLite's integrity check").
     */
    public record Summary(String databaseCheck, long versions, List<Long> snapshots, long problems) {
        public Summary {
            snapshots = List.copyOf(snapshots);
        }
    }

    /** Widget types as belongings name them, and the kind of record each places; other types are not checked. */
    private static final Map<String, RecordKind> WIDGETS = Map.of(
            WidgetType.NOTE, RecordKind.NOTE,
            WidgetType.LIST, RecordKind.LIST,
            WidgetType.SEPARATOR, RecordKind.SEPARATOR,
            WidgetType.GALLERY, RecordKind.GALLERY,
            WidgetType.ASSET, RecordKind.ATTACHMENT);

    /** The widget type a belonging names for each kind of record it places. */
    private static final Map<RecordKind, String> WIDGET_TYPES = widgetTypes();

    private static Map<RecordKind, String> widgetTypes() {
        Map<RecordKind, String> types = new EnumMap<>(RecordKind.class);
        WIDGETS.forEach((type, kind) -> types.put(kind, type));
        return types;
    }

    /** What a bookmark can be of, as bookmarkable-type names it. */
    private static final Set<String> BOOKMARKABLE = Set.of(Bookmark.PAGE, Bookmark.TAG);

    private final Store session;
    private final Consumer<String> sink;
    /** Where a problem goes: the sink, or a buffer while one read checks everything at once. */
    private Consumer<String> out;
    private long problems;
    private String databaseCheck;

    private StoreVerifier(Store session, Consumer<String> sink) {
        this.session = session;
        this.sink = sink;
        this.out = sink;
    }

    /** Verifies the store, and every complete snapshot or only {@code snapshotId} when given (complete or not). */
    public static Summary verify(Store session, Long snapshotId, Consumer<String> problems) {
        SnapshotStore store = session.snapshots();
        List<Snapshot> snapshots = snapshotId != null
                ? List.of(store.snapshot(snapshotId))
                : store.snapshots(null).stream().filter(Snapshot::complete).toList();
        StoreVerifier verifier = new StoreVerifier(session, problems);
        long[] versions = {0};
        List<String> foundInOneRead;
        if (session.dialect() == Dialect.SQLITE) {
            try (IntegrityCheckBeside sqliteCheck = new IntegrityCheckBeside(session)) {
                foundInOneRead = verifier.checkInOneRead(snapshots, versions);
                sqliteCheck.tellTo(verifier);
            }
        } else {
            verifier.checkPostgres();
            foundInOneRead = verifier.problems > 0 ? null : verifier.checkInOneRead(snapshots, versions);
        }
        // a damaged store is read part by part, so that each unreadable part is named and the others still read
        if (verifier.problems > 0 || foundInOneRead == null) {
            verifier.reading("the versions", () -> versions[0] = verifier.checkVersions());
            for (Snapshot snapshot : snapshots) {
                verifier.reading("snapshot " + snapshot.id(), () -> verifier.checkSnapshot(snapshot));
            }
        } else {
            foundInOneRead.forEach(verifier::problem);
        }
        return new Summary(verifier.databaseCheck, versions[0], snapshots.stream().map(Snapshot::id).toList(), verifier.problems);
    }

    private void problem(String line) {
        problems++;
        out.accept(line);
    }

    /** Runs one check; SQLite finding the file damaged mid-way is a problem of that part, and the next part is still read. */
    private void reading(String what, Runnable check) {
        try {
            check.run();
        } catch (DataAccessException e) {
            var corruption = IntegrityFailure.corruptionIn(e);
            if (corruption.isEmpty()) {
                throw e;
            }
            problem("cannot read " + what + ": SQLite says '" + IntegrityFailure.sqliteSays(corruption.get()) + "'");
        } catch (IllegalArgumentException e) {
            // a row this version cannot read, such as an unknown record kind
            problem("cannot read " + what + ": " + e.getMessage());
        }
    }

    /** Row by row: SQLite may report some damage and then fail on the rest, and what it reported counts. */
    private void checkSqlite() {
        databaseCheck = "passes SQLite's integrity check";
        session.jdbc().query("PRAGMA integrity_check", rs -> {
            rs.getString(1).lines()
                    .filter(line -> !line.equals("ok") && !line.startsWith("*** in database"))
                    .forEach(line -> problem("SQLite integrity check: " + line));
        });
    }

    /**
     * SQLite's integrity check run on a connection and a thread of its own: it reads the whole file,
     * which it can do while the versions are read and checked on the store's own connection (a
     * reader's WAL snapshot each). Its problems are told first, as when it ran before the read.
     */
    private static final class IntegrityCheckBeside implements AutoCloseable {
        private final List<String> found = new ArrayList<>();
        private final FutureTask<StoreVerifier> check;

        IntegrityCheckBeside(Store session) {
            check = new FutureTask<>(() -> {
                try (Store beside = Store.open(session.location(), Store.Access.READ)) {
                    StoreVerifier verifier = new StoreVerifier(beside, found::add);
                    verifier.reading("the SQLite integrity check", verifier::checkSqlite);
                    return verifier;
                }
            });
            Thread thread = new Thread(check, "sqlite-integrity-check");
            thread.setDaemon(true);
            thread.start();
        }

        /** Waits for the check and tells {@code verifier} what it found. */
        void tellTo(StoreVerifier verifier) {
            verifier.databaseCheck = outcome().databaseCheck;
            found.forEach(verifier::problem);
        }

        private StoreVerifier outcome() {
            try {
                return check.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while SQLite checked the store", e);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException failure ? failure : new IllegalStateException(e.getCause());
            }
        }

        /** A verify that failed meanwhile still waits for the check, which holds a connection to the store. */
        @Override
        public void close() {
            try {
                check.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException e) {
                // told by tellTo, or the verify failed first
            }
        }
    }

    /**
     * PostgreSQL keeps its own pages whole (WAL, checksums when the cluster has them); amcheck, where
     * the database's administrator installed it, reads every table and B-tree index of the store for
     * damage. A reader installs nothing: without amcheck, or without the right to run it, verify says so.
     */
    private void checkPostgres() {
        JdbcTemplate jdbc = session.jdbc();
        if (jdbc.queryForObject("SELECT count(*) FROM pg_extension WHERE extname = 'amcheck'", Long.class) == 0) {
            databaseCheck = "is on PostgreSQL, whose pages are the server's to check (amcheck is not installed in this database)";
            return;
        }
        String relations = "SELECT c.oid::regclass::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE n.nspname = current_schema() AND ";
        List<String> tables = jdbc.queryForList(relations + "c.relkind = 'r' ORDER BY 1", String.class);
        List<String> indexes = jdbc.queryForList(relations + "c.relkind = 'i' AND c.relam = (SELECT oid FROM pg_am WHERE amname = 'btree')"
                + " ORDER BY 1", String.class);
        try {
            for (String table : tables) {
                jdbc.query("SELECT blkno, offnum, msg FROM verify_heapam(?::regclass)", rs -> {
                    problem("PostgreSQL's amcheck: table " + table + ", block " + rs.getLong("blkno") + ", tuple " + rs.getLong("offnum")
                            + ": " + rs.getString("msg"));
                }, table);
            }
            for (String index : indexes) {
                try {
                    jdbc.queryForList("SELECT bt_index_check(?::regclass)", index);
                } catch (DataAccessException e) {
                    if (!isCorruption(e)) {
                        throw e;
                    }
                    problem("PostgreSQL's amcheck: index " + index + ": " + e.getMostSpecificCause().getMessage().lines().findFirst().orElse(""));
                }
            }
        } catch (DataAccessException e) {
            if (!(e.getMostSpecificCause() instanceof java.sql.SQLException sql) || !"42501".equals(sql.getSQLState())) {
                throw e;
            }
            databaseCheck = "is on PostgreSQL, whose pages are the server's to check (amcheck is installed, but this user may not run it)";
            return;
        }
        databaseCheck = "passes PostgreSQL's amcheck of its " + tables.size() + " tables and " + indexes.size() + " indexes";
    }

    /** PostgreSQL's error classes for damaged data: data_corrupted, index_corrupted. */
    private static boolean isCorruption(DataAccessException e) {
        return e.getMostSpecificCause() instanceof java.sql.SQLException sql && sql.getSQLState() != null
                && (sql.getSQLState().equals("XX001") || sql.getSQLState().equals("XX002"));
    }

    /** Each version's content against its hash, and its range against the snapshots the store has issued. */
    private long checkVersions() {
        VersionCheck check = new VersionCheck();
        long[] count = {0};
        session.stream(VERSIONS + " ORDER BY id", rs -> {
            count[0]++;
            check.check(VersionRow.read(rs));
        });
        return count[0];
    }

    /** Every version with what checking it needs: its content ({@link SnapshotStore#VERSION_COLUMNS}), then these. */
    private static final String VERSIONS = "SELECT " + SnapshotStore.VERSION_COLUMNS + ", id, hash, first_snapshot, last_snapshot,"
            + " account_id, " + SnapshotStore.PAGE_SHAPED + " AS page_shaped FROM versions";
    private static final int ID = SnapshotStore.RECORD_FIELDS + 1;
    private static final int HASH = ID + 1;
    private static final int FIRST = ID + 2;
    private static final int LAST = ID + 3;
    private static final int ACCOUNT = ID + 4;
    private static final int PAGE_SHAPED = ID + 5;

    /**
     * A row of {@link #VERSIONS} as read: its content, or what this version cannot read in it (an
     * unknown kind: {@code unreadable} then names the problem), its hash, range and account.
     */
    private record VersionRow(long id, RecordVersion version, String unreadable, byte[] hash, long first, Long last, long account) {

        static VersionRow read(ResultSet rs) throws SQLException {
            long id = rs.getLong(ID);
            RecordVersion version = null;
            String unreadable = null;
            try {
                // the columns of the account's own resources read only where one is set (checked by SQLite: none goes unread)
                version = (rs.getBoolean(PAGE_SHAPED) ? SnapshotStore.PAGE_RECORD : SnapshotStore.RECORD).mapRow(rs, 0);
            } catch (IllegalArgumentException e) {
                unreadable = label(id, rs.getString(1), rs.getLong(2), rs.getLong(3)) + ": " + e.getMessage();
            }
            return new VersionRow(id, version, unreadable, rs.getBytes(HASH), rs.getLong(FIRST), SnapshotStore.nullableLong(rs, LAST),
                    rs.getLong(ACCOUNT));
        }

        /** How a problem names the version; only a problem needs it. */
        String label() {
            return label(id, version.kind().storedName(), version.recordId(), version.pageId());
        }

        private static String label(long id, String kind, long recordId, long pageId) {
            return "version " + id + " (" + kind + " " + recordId + " on page " + pageId + ")";
        }
    }

    /** Checks versions, a {@link VersionRow} at a time, against the snapshots the store has issued. */
    private final class VersionCheck {
        private final long issued = session.jdbc().queryForObject(session.dialect().issuedSnapshotIdsQuery(), (rs, row) -> rs.getLong(1));
        /** Each snapshot's account, read once: not two look-ups a version. */
        private final Map<Long, Long> snapshotAccounts = new HashMap<>();

        VersionCheck() {
            session.jdbc().query("SELECT id, account_id FROM snapshots", rs -> {
                snapshotAccounts.put(rs.getLong(1), rs.getLong(2));
            });
        }

        /** The row's version checked; its content, or null when this version cannot read it. */
        RecordVersion check(VersionRow row) {
            if (row.version() == null) {
                problem(row.unreadable());
                return null;
            }
            if (!Arrays.equals(row.hash(), row.version().hash())) {
                problem(row.label() + ": its content does not match its hash");
            }
            checkEnd(row::label, "begins", row.first(), issued, row.account(), snapshotAccounts.get(row.first()));
            Long last = row.last();
            if (last != null) {
                checkEnd(row::label, "ends", last, issued, row.account(), snapshotAccounts.get(last));
                if (last < row.first()) {
                    problem(row.label() + ": its range ends at snapshot " + last + " before it begins at snapshot " + row.first());
                }
            }
            return row.version();
        }
    }

    /** A version as the read of everything at once keeps it until its page is read: its content and range. */
    private record Ranged(RecordVersion record, long first, Long last) {
        boolean holdsAt(long snapshotId) {
            return first <= snapshotId && (last == null || last >= snapshotId);
        }
    }

    /** The read of everything at once met what only the part-by-part read reports as it should: a row it cannot read. */
    private static final class ReadPartByPart extends RuntimeException {
        ReadPartByPart() {
            super(null, null, false, false);
        }
    }

    /** A problem a version has, kept to be told in the order of the versions' ids. */
    private record VersionProblem(long id, String line) {
    }

    /**
     * The versions and the snapshots in one read of the versions, page by page of each account: each
     * version is checked and handed to each snapshot it is in, rather than the versions read once and
     * again for each snapshot. This thread reads the rows (the driver's calls) while a second one
     * checks them (hashing, the snapshots' checks): the two halves of the work, side by side. Returns
     * the problems found, none told yet, in the order the part-by-part read tells them (the versions'
     * in id order, then each snapshot's); null when a row cannot be read, for the part-by-part read to
     * name it.
     */
    private List<String> checkInOneRead(List<Snapshot> snapshots, long[] versions) {
        long problemsBefore = problems;
        VersionCheck versionCheck = new VersionCheck();
        List<VersionProblem> versionProblems = new ArrayList<>();
        Map<Long, List<SnapshotCheck>> byAccount = new HashMap<>();
        Map<SnapshotCheck, List<String>> snapshotProblems = new LinkedHashMap<>();
        for (Snapshot snapshot : snapshots) {
            SnapshotCheck check = new SnapshotCheck(snapshot);
            byAccount.computeIfAbsent(versionCheck.snapshotAccounts.get(snapshot.id()), account -> new ArrayList<>()).add(check);
            snapshotProblems.put(check, new ArrayList<>());
        }
        PageOfVersions page = new PageOfVersions(byAccount, snapshotProblems);
        long[] count = {0};
        // the checks write this verifier's problems and lines: they have ended (closed) before this thread resets or reads them
        try (HandOff<VersionRow> checks = new HandOff<>("verify-checks", 256, 8, row -> {
            out = line -> versionProblems.add(new VersionProblem(row.id(), line));
            page.add(row.account(), new Ranged(versionCheck.check(row), row.first(), row.last()));
        })) {
            session.stream(VERSIONS + " ORDER BY account_id, page_id, kind, record_id", rs -> {
                VersionRow row = VersionRow.read(rs);
                if (row.version() == null) {
                    throw new ReadPartByPart();
                }
                count[0]++;
                checks.accept(row);
            });
            checks.finish();
            page.check();
            snapshotProblems.forEach((check, lines) -> {
                out = lines::add;
                check.finish();
            });
        } catch (ReadPartByPart e) {
            return null;
        } catch (DataAccessException e) {
            if (IntegrityFailure.corruptionIn(e).isEmpty()) {
                throw e;
            }
            return null;
        } finally {
            out = sink;
            problems = problemsBefore;
        }
        versions[0] = count[0];
        List<String> found = new ArrayList<>();
        versionProblems.sort(Comparator.comparingLong(VersionProblem::id));
        versionProblems.forEach(problem -> found.add(problem.line()));
        snapshotProblems.values().forEach(found::addAll);
        return found;
    }

    /** The versions of one page of one account as the one read meets them, handed to each of the account's snapshots that holds them. */
    private final class PageOfVersions {
        private final Map<Long, List<SnapshotCheck>> byAccount;
        private final Map<SnapshotCheck, List<String>> snapshotProblems;
        private final List<Ranged> versions = new ArrayList<>();
        private long account;

        PageOfVersions(Map<Long, List<SnapshotCheck>> byAccount, Map<SnapshotCheck, List<String>> snapshotProblems) {
            this.byAccount = byAccount;
            this.snapshotProblems = snapshotProblems;
        }

        void add(long versionAccount, Ranged version) {
            if (!versions.isEmpty() && (versionAccount != account || version.record().pageId() != versions.get(0).record().pageId())) {
                check();
            }
            account = versionAccount;
            versions.add(version);
        }

        /** Hands the page to the snapshots that hold it, and starts the next. */
        void check() {
            for (SnapshotCheck check : byAccount.getOrDefault(account, List.of())) {
                out = snapshotProblems.get(check)::add;
                for (Ranged version : versions) {
                    if (version.holdsAt(check.snapshot.id())) {
                        check.add(version.record());
                    }
                }
            }
            versions.clear();
        }
    }

    private void checkEnd(Supplier<String> label, String end, long snapshotId, long issued, long account, Long snapshotAccount) {
        if (snapshotId < 1 || snapshotId > issued) {
            problem(label.get() + ": its range " + end + " at snapshot " + snapshotId + ", which this store never had (it has issued ids up to "
                    + issued + ")");
        } else if (snapshotAccount != null && snapshotAccount != account) {
            problem(label.get() + ": its range " + end + " at snapshot " + snapshotId + ", a snapshot of another account");
        }
    }

    /**
     * Reads the snapshot unit by unit (records come in unit order: the account's own resources, then
     * the pages) and checks each, then the counts.
     */
    private void checkSnapshot(Snapshot snapshot) {
        SnapshotCheck check = new SnapshotCheck(snapshot);
        session.snapshots().records(snapshot.id(), check::add);
        check.finish();
    }

    /** One snapshot's check, handed its records page by page in the order the snapshot reads them. */
    private final class SnapshotCheck {
        private final Snapshot snapshot;
        private final Map<RecordKind, Long> counts = new EnumMap<>(RecordKind.class);
        private final Set<Long> tags = new HashSet<>();
        private final List<RecordVersion> account = new ArrayList<>();
        private final List<RecordVersion> page = new ArrayList<>();

        SnapshotCheck(Snapshot snapshot) {
            this.snapshot = snapshot;
        }

        void add(RecordVersion record) {
            if (record.pageId() < 0) {
                account.add(record);
            } else {
                if (!page.isEmpty() && page.get(0).pageId() != record.pageId()) {
                    checkPage(snapshot.id(), page);
                    page.clear();
                }
                page.add(record);
            }
            counts.merge(record.kind(), 1L, Long::sum);
            if (record.kind() == RecordKind.TAG) {
                tags.add(record.recordId());
            }
        }

        void finish() {
            if (!page.isEmpty()) {
                checkPage(snapshot.id(), page);
                page.clear();
            }
            checkAccount(snapshot, account);
            if (snapshot.complete()) {
                counts.put(RecordKind.TAG, (long) tags.size());
                checkCounts(snapshot, counts);
            }
        }
    }

    /** The records of the account's own resources, all of them at once: a reminder's remindees are checked against the users. */
    private void checkAccount(Snapshot snapshot, List<RecordVersion> records) {
        String where = "snapshot " + snapshot.id() + ": ";
        Map<String, Integer> seen = new HashMap<>();
        records.forEach(record -> seen.merge(describe(record), 1, Integer::sum));
        seen.forEach((record, times) -> {
            if (times > 1) {
                problem(where + record + " has " + times + " versions at once");
            }
        });
        Map<RecordKind, Map<Long, RecordVersion>> byKind = new EnumMap<>(RecordKind.class);
        for (RecordVersion record : records) {
            Resource resource = Resource.ofScope(record.pageId()).orElse(null);
            if (resource == null || !resource.kinds().contains(record.kind())) {
                problem(where + describe(record) + " is stored on page " + record.pageId() + ", which is no page and not the place of "
                        + record.kind().storedName() + "s");
            } else if (snapshot.complete() && !snapshot.include().includes(resource)) {
                problem(where + describe(record) + " is in the snapshot, which did not include " + resource.label());
            }
            byKind.computeIfAbsent(record.kind(), kind -> new HashMap<>()).put(record.recordId(), record);
        }
        Map<Long, RecordVersion> users = byKind.get(RecordKind.USER);
        List<RecordVersion> mine = users == null ? List.of()
                : users.values().stream().filter(user -> user.flag() != null && user.flag() == 1).toList();
        if (mine.size() > 1) {
            problem(where + mine.size() + " users are each the token's own: " + mine.stream().map(StoreVerifier::describe)
                    .collect(Collectors.joining(", ")));
        }
        Set<Long> withStatus = new HashSet<>();
        for (RecordVersion record : records) {
            switch (record.kind()) {
                case REMINDER -> {
                    requireUser(where, record, "is made by", record.userId(), users);
                    try {
                        List<User> remindees = AccountRecords.remindees(record.remindees());
                        if (remindees.isEmpty()) {
                            problem(where + describe(record) + " reminds nobody");
                        }
                        remindees.forEach(remindee -> requireUser(where, record, "reminds", remindee.id(), users));
                    } catch (IllegalArgumentException e) {
                        problem(where + describe(record) + ": " + e.getMessage());
                    }
                }
                case JOURNAL_ENTRY -> requireUser(where, record, "is written by", record.userId(), users);
                case STATUS -> {
                    requireUser(where, record, "is set by", record.userId(), users);
                    if (record.userId() != null && !withStatus.add(record.userId())) {
                        problem(where + "user " + record.userId() + " has more than one status");
                    }
                }
                case CALENDAR_EVENT -> {
                    if (record.parentId() == null || !byKind.getOrDefault(RecordKind.CALENDAR, Map.of()).containsKey(record.parentId())) {
                        problem(where + describe(record) + " is in calendar " + record.parentId() + ", which the snapshot does not hold");
                    }
                }
                case BOOKMARK -> {
                    if (!BOOKMARKABLE.contains(record.type())) {
                        problem(where + describe(record) + " bookmarks a '" + record.type() + "', neither a Page nor a Tag");
                    }
                    if (mine.size() == 1 && !Objects.equals(record.userId(), mine.get(0).recordId())) {
                        problem(where + describe(record) + " is user " + record.userId() + "'s, but only the token's own user "
                                + mine.get(0).recordId() + " can have bookmarks read");
                    }
                }
                default -> {
                }
            }
        }
    }

    /** The user a record names ({@code relation}: "is made by", "reminds") must be one of the snapshot's users, when it holds its users. */
    private void requireUser(String where, RecordVersion record, String relation, Long userId, Map<Long, RecordVersion> users) {
        if (userId == null) {
            problem(where + describe(record) + " names no user it " + relation);
        } else if (users != null && !users.containsKey(userId)) {
            problem(where + describe(record) + " " + relation + " user " + userId + ", whom the snapshot does not hold");
        }
    }

    private void checkPage(long snapshotId, List<RecordVersion> records) {
        long pageId = records.get(0).pageId();
        String where = "snapshot " + snapshotId + ": ";
        Map<RecordKind, Set<Long>> present = new EnumMap<>(RecordKind.class);
        // on one page a record's key says what its description does, without building a string a record
        Map<RecordVersion.Key, Integer> seen = new LinkedHashMap<>();
        Map<RecordVersion.Key, RecordVersion> twice = new LinkedHashMap<>();
        for (RecordVersion record : records) {
            present.computeIfAbsent(record.kind(), kind -> new HashSet<>()).add(record.recordId());
            if (seen.merge(record.key(), 1, Integer::sum) == 2) {
                twice.put(record.key(), record);
            }
        }
        twice.forEach((key, record) -> problem(where + describe(record) + " has " + seen.get(key) + " versions at once"));
        if (!present.getOrDefault(RecordKind.PAGE, Set.of()).contains(pageId)) {
            problem(where + records.size() + " records are on page " + pageId + ", which the snapshot does not hold ("
                    + records.stream().limit(3).map(StoreVerifier::describe).collect(Collectors.joining(", "))
                    + (records.size() > 3 ? ", ..." : "") + ")");
        }
        Set<Placement> placed = new HashSet<>();
        for (RecordVersion record : records) {
            switch (record.kind()) {
                case BELONGING -> {
                    RecordKind widget = WIDGETS.get(record.type());
                    placed.add(new Placement(record.type(), record.parentId()));
                    if (record.parentId() == null) {
                        problem(where + describe(record) + " places no widget");
                    } else if (widget != null && !present.getOrDefault(widget, Set.of()).contains(record.parentId())) {
                        problem(where + describe(record) + " places " + widget.storedName() + " " + record.parentId()
                                + ", which the snapshot does not hold");
                    }
                }
                case ITEM -> requireParent(where, record, RecordKind.LIST, present);
                case IMAGE -> requireParent(where, record, RecordKind.GALLERY, present);
                default -> {
                }
            }
        }
        for (RecordVersion record : records) {
            String type = WIDGET_TYPES.get(record.kind());
            if (type != null && !placed.contains(new Placement(type, record.recordId()))) {
                problem(where + describe(record) + " has no belonging on its page");
            }
        }
    }

    /** A widget a belonging places: its type as belongings name it, and its id. */
    private record Placement(String widgetType, Long widgetId) {
    }

    private void requireParent(String where, RecordVersion record, RecordKind parentKind, Map<RecordKind, Set<Long>> present) {
        if (record.parentId() == null || !present.getOrDefault(parentKind, Set.of()).contains(record.parentId())) {
            problem(where + describe(record) + " is in " + parentKind.storedName() + " " + record.parentId()
                    + ", which the snapshot does not hold on that page");
        }
    }

    private void checkCounts(Snapshot snapshot, Map<RecordKind, Long> counts) {
        Snapshot.Counts stored = snapshot.counts();
        Snapshot.Counts actual = Snapshot.Counts.of(counts);
        List<String> wrong = new ArrayList<>();
        for (RecordKind kind : RecordKind.values()) {
            if (kind.countName() != null && stored.of(kind) != actual.of(kind)) {
                wrong.add(stored.of(kind) + " " + kind.countName() + " but holds " + actual.of(kind));
            }
        }
        if (!wrong.isEmpty()) {
            problem("snapshot " + snapshot.id() + " counts " + String.join("; ", wrong));
        }
    }

    private static String describe(RecordVersion record) {
        boolean placeless = record.kind() == RecordKind.PAGE || Resource.ofScope(record.pageId()).isPresent();
        return record.kind().storedName() + " " + record.recordId() + (placeless ? "" : " on page " + record.pageId());
    }
}
