package org.backpackbatch.export;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.backpackbatch.api.model.Bookmark;
import org.backpackbatch.api.model.Calendar;
import org.backpackbatch.api.model.CalendarEvent;
import org.backpackbatch.api.model.CalendarWithEvents;
import org.backpackbatch.api.model.JournalEntry;
import org.backpackbatch.api.model.Reminder;
import org.backpackbatch.api.model.Status;
import org.backpackbatch.api.model.User;
import org.backpackbatch.store.AccountRecords.StoredAccount;
import org.backpackbatch.store.OutputFile;
import org.backpackbatch.store.RecordKind;
import org.backpackbatch.store.Resource;
import org.backpackbatch.store.Snapshot;
import org.backpackbatch.store.SnapshotStore;
import org.backpackbatch.store.StoreFile;

/**
 * Writes one snapshot as a standalone SQLite file with the public schema of the README (not a
 * store: no versions, no Flyway): the snapshot's page records are copied into a temporary table of
 * the file's connection (by SQLite itself from an SQLite store), the page tables are filled from it
 * by SQL, table by table, then the account's own resources (every table is there; those of
 * resources the snapshot did not include stay empty), in one transaction. A fixed page size, a
 * rollback journal and the same insertion order make one snapshot always give the same bytes,
 * from either kind of store; {@code exported_at} is the snapshot's finished time, not the clock's.
 */
public final class SqliteExporter {

    /** The public schema: tables in creation order with their columns, as the README documents them. */
    public static final Map<String, String> TABLES = tables();

    private static final int BATCH = 500;

    private SqliteExporter() {
    }

    private static Map<String, String> tables() {
        Map<String, String> tables = new LinkedHashMap<>();
        tables.put("snapshot", "id INTEGER, account_url TEXT, taken_at TEXT, exported_at TEXT");
        tables.put("pages", "id INTEGER PRIMARY KEY, title TEXT, scope TEXT, email_address TEXT");
        tables.put("belongings", "id INTEGER PRIMARY KEY, page_id INTEGER, position INTEGER, widget_type TEXT, widget_id INTEGER");
        tables.put("notes", "id INTEGER PRIMARY KEY, page_id INTEGER, title TEXT, body TEXT, created_at TEXT");
        tables.put("lists", "id INTEGER PRIMARY KEY, page_id INTEGER, name TEXT");
        tables.put("items", "id INTEGER PRIMARY KEY, list_id INTEGER, page_id INTEGER, content TEXT, completed INTEGER, position INTEGER");
        tables.put("tags", "id INTEGER PRIMARY KEY, name TEXT");
        tables.put("page_tags", "page_id INTEGER, tag_id INTEGER");
        tables.put("separators", "id INTEGER PRIMARY KEY, page_id INTEGER, name TEXT");
        tables.put("emails", "id INTEGER PRIMARY KEY, page_id INTEGER, title TEXT, body TEXT, created_at TEXT");
        tables.put("galleries", "id INTEGER PRIMARY KEY, page_id INTEGER, name TEXT");
        tables.put("images", "id INTEGER PRIMARY KEY, gallery_id INTEGER, page_id INTEGER, file_name TEXT, description TEXT");
        tables.put("attachments", "id INTEGER PRIMARY KEY, page_id INTEGER, file_name TEXT");
        tables.put("users", "id INTEGER PRIMARY KEY, name TEXT, is_me INTEGER");
        tables.put("reminders", "id INTEGER PRIMARY KEY, remind_at TEXT, content TEXT, creator_id INTEGER, creator_name TEXT");
        tables.put("reminder_remindees", "reminder_id INTEGER, user_id INTEGER, user_name TEXT");
        tables.put("journal_entries", "id INTEGER PRIMARY KEY, user_id INTEGER, user_name TEXT, body TEXT, created_at TEXT, updated_at TEXT");
        tables.put("statuses", "id INTEGER PRIMARY KEY, user_id INTEGER, user_name TEXT, message TEXT, updated_at TEXT");
        tables.put("calendars", "id INTEGER PRIMARY KEY, name TEXT, color TEXT, created_at TEXT, updated_at TEXT");
        tables.put("calendar_events", "id INTEGER PRIMARY KEY, calendar_id INTEGER, title TEXT, occurs_at TEXT, remind INTEGER");
        tables.put("bookmarks", "id INTEGER PRIMARY KEY, user_id INTEGER, bookmarkable_type TEXT, bookmarkable_id INTEGER, position INTEGER");
        return Collections.unmodifiableMap(tables);
    }

    /** Writes the file to {@code target} and returns how many pages it holds. */
    public static long write(SnapshotStore store, Snapshot snapshot, OutputFile target) {
        long[] pages = new long[1];
        // SQLite makes the empty private temporary file a database, keeping its mode
        target.write(temporary -> {
            try (Connection connection = StoreFile.sqliteConnection(temporary, "journal_mode=DELETE&synchronous=OFF")) {
                pages[0] = write(store, snapshot, connection);
            }
        });
        return pages[0];
    }

    private static long write(SnapshotStore store, Snapshot snapshot, Connection connection) throws SQLException {
        long pages;
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA page_size = 4096");
            // the snapshot's page records in a temporary table of this connection, not in the file
            statement.execute("CREATE TEMP TABLE records (" + SnapshotStore.VERSION_COLUMNS + ")");
            store.copyPageRecords(snapshot.id(), connection, "temp.records");
            statement.execute("CREATE INDEX temp.records_in_order ON records (kind, page_id, coalesce(position, 0), record_id)");
            connection.setAutoCommit(false);
            for (Map.Entry<String, String> table : TABLES.entrySet()) {
                statement.execute("CREATE TABLE " + table.getKey() + " (" + table.getValue() + ")");
            }
            Rows rows = new Rows(connection);
            rows.add("snapshot", snapshot.id(), snapshot.account(), snapshot.startedAt(), snapshot.finishedAt());
            rows.flush();
            for (String copy : PAGE_TABLES) {
                statement.executeUpdate(copy);
            }
            try (ResultSet count = statement.executeQuery("SELECT count(*) FROM pages")) {
                pages = count.getLong(1);
            }
            addAccount(rows, store.account(snapshot.id()));
            rows.flush();
            connection.commit();
            rows.close();
        }
        return pages;
    }

    /**
     * The page tables from the snapshot's page records, as {@code PageRecords} reads a page: each
     * table in page order and each page's records in their order there (position, then id; items
     * and images list by list, gallery by gallery); only
     * the records of a page that is there, items of a list and images of a gallery on their page;
     * an item's position is its place in its list; a tag on several pages is one row of tags.
     */
    private static final List<String> PAGE_TABLES = List.of(
            "INSERT INTO pages SELECT r.record_id, r.name, r.type, r.body" + of(RecordKind.PAGE, null),
            "INSERT INTO belongings SELECT r.record_id, r.page_id, r.position, r.type, r.parent_id" + of(RecordKind.BELONGING, null),
            "INSERT INTO notes SELECT r.record_id, r.page_id, r.name, r.body, r.created_at" + of(RecordKind.NOTE, null),
            "INSERT INTO lists SELECT r.record_id, r.page_id, r.name" + of(RecordKind.LIST, null),
            "INSERT INTO items SELECT r.record_id, r.parent_id, r.page_id, r.name, CASE WHEN r.flag = 1 THEN 1 ELSE 0 END,"
                    + " row_number() OVER (PARTITION BY r.page_id, r.parent_id ORDER BY coalesce(r.position, 0), r.record_id)"
                    + of(RecordKind.ITEM, RecordKind.LIST),
            "INSERT OR IGNORE INTO tags SELECT r.record_id, r.name" + of(RecordKind.TAG, null),
            "INSERT INTO page_tags SELECT r.page_id, r.record_id" + of(RecordKind.TAG, null),
            "INSERT INTO separators SELECT r.record_id, r.page_id, r.name" + of(RecordKind.SEPARATOR, null),
            "INSERT INTO emails SELECT r.record_id, r.page_id, r.name, r.body, r.created_at" + of(RecordKind.EMAIL, null),
            "INSERT INTO galleries SELECT r.record_id, r.page_id, r.name" + of(RecordKind.GALLERY, null),
            "INSERT INTO images SELECT r.record_id, r.parent_id, r.page_id, r.name, r.body" + of(RecordKind.IMAGE, RecordKind.GALLERY),
            "INSERT INTO attachments SELECT r.record_id, r.page_id, r.name" + of(RecordKind.ATTACHMENT, null));

    /** The records of {@code kind} on a page that is there (and in a {@code parent} on it, when given), in order. */
    private static String of(RecordKind kind, RecordKind parent) {
        return " FROM records r WHERE r.kind = '" + kind.storedName() + "'"
                + " AND EXISTS (SELECT 1 FROM records p WHERE p.kind = '" + RecordKind.PAGE.storedName() + "' AND p.page_id = r.page_id)"
                + (parent == null ? "" : " AND EXISTS (SELECT 1 FROM records p WHERE p.kind = '" + parent.storedName() + "'"
                        + " AND p.page_id = r.page_id AND p.record_id = r.parent_id)")
                // a child in its parent's order: the order in which its position in the parent is counted, sorted once
                + " ORDER BY r.page_id, " + (parent == null ? "" : "r.parent_id, ") + "coalesce(r.position, 0), r.record_id";
    }

    /** The account's own resources the snapshot holds; the tables of the others stay empty. */
    private static void addAccount(Rows rows, StoredAccount account) throws SQLException {
        if (account.holds(Resource.USERS)) {
            for (User user : account.users().users()) {
                rows.add("users", user.id(), user.name(), account.users().meId() != null && account.users().meId() == user.id() ? 1 : 0);
            }
        }
        if (account.holds(Resource.REMINDERS)) {
            for (Reminder reminder : account.reminders()) {
                rows.add("reminders", reminder.id(), reminder.remindAt(), reminder.content(), reminder.creator().id(), reminder.creator().name());
                for (User remindee : reminder.remindees()) {
                    rows.add("reminder_remindees", reminder.id(), remindee.id(), remindee.name());
                }
            }
        }
        if (account.holds(Resource.JOURNAL)) {
            for (JournalEntry entry : account.journal()) {
                rows.add("journal_entries", entry.id(), entry.userId(), entry.userName(), entry.body(), entry.createdAt(), entry.updatedAt());
            }
        }
        if (account.holds(Resource.STATUSES)) {
            for (Status status : account.statuses()) {
                rows.add("statuses", status.id(), status.userId(), status.userName(), status.message(), status.updatedAt());
            }
        }
        if (account.holds(Resource.CALENDARS)) {
            for (CalendarWithEvents stored : account.calendars()) {
                Calendar calendar = stored.calendar();
                rows.add("calendars", calendar.id(), calendar.name(), calendar.color(), calendar.createdAt(), calendar.updatedAt());
                for (CalendarEvent event : stored.events()) {
                    rows.add("calendar_events", event.id(), event.calendarId(), event.title(), event.occursAt(), event.remind() ? 1 : 0);
                }
            }
        }
        if (account.holds(Resource.BOOKMARKS)) {
            for (Bookmark bookmark : account.bookmarks()) {
                rows.add("bookmarks", bookmark.id(), bookmark.userId(), bookmark.bookmarkableType(), bookmark.bookmarkableId(),
                        bookmark.position());
            }
        }
    }

    /** One batched insert a table; a tag shared by several pages is inserted once. */
    private static final class Rows {
        private final Map<String, Table> tables = new LinkedHashMap<>();

        /** A table's insert and the rows it holds not yet sent. */
        private static final class Table {
            final PreparedStatement insert;
            int pending;

            Table(PreparedStatement insert) {
                this.insert = insert;
            }
        }

        Rows(Connection connection) throws SQLException {
            for (Map.Entry<String, String> table : TABLES.entrySet()) {
                int columns = table.getValue().split(",").length;
                String verb = table.getKey().equals("tags") ? "INSERT OR IGNORE" : "INSERT";
                tables.put(table.getKey(), new Table(connection.prepareStatement(verb + " INTO " + table.getKey() + " VALUES ("
                        + String.join(", ", Collections.nCopies(columns, "?")) + ")")));
            }
        }

        void add(String name, Object... values) throws SQLException {
            Table table = tables.get(name);
            for (int i = 0; i < values.length; i++) {
                table.insert.setObject(i + 1, values[i]);
            }
            table.insert.addBatch();
            if (++table.pending >= BATCH) {
                table.insert.executeBatch();
                table.pending = 0;
            }
        }

        void flush() throws SQLException {
            for (Table table : tables.values()) {
                table.insert.executeBatch();
                table.pending = 0;
            }
        }

        void close() throws SQLException {
            for (Table table : tables.values()) {
                table.insert.close();
            }
        }
    }
}
