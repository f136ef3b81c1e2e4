package org.backpackbatch.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.backpackbatch.export.BackedUpStore.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.backpackbatch.api.Secrets;
import org.backpackbatch.api.model.CalendarWithEvents;
import org.backpackbatch.api.model.ItemList;
import org.backpackbatch.store.AccountRecords.StoredAccount;
import org.backpackbatch.store.PageRecords.StoredPage;
import org.backpackbatch.store.Snapshot;
import org.backpackbatch.store.Store;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SQLite export has the public schema, holds the snapshot, and answers the README's queries in the sqlite3 shell. */
class SqliteExportTest {

    /** cli.md's tables and columns with their types (the core, then the whole account), and the tables the README adds for files. */
    private static final Map<String, String> SCHEMA = new LinkedHashMap<>();

    static {
        SCHEMA.put("snapshot", "id INTEGER, account_url TEXT, taken_at TEXT, exported_at TEXT");
        SCHEMA.put("pages", "id INTEGER, title TEXT, scope TEXT, email_address TEXT");
        SCHEMA.put("belongings", "id INTEGER, page_id INTEGER, position INTEGER, widget_type TEXT, widget_id INTEGER");
        SCHEMA.put("notes", "id INTEGER, page_id INTEGER, title TEXT, body TEXT, created_at TEXT");
        SCHEMA.put("lists", "id INTEGER, page_id INTEGER, name TEXT");
        SCHEMA.put("items", "id INTEGER, list_id INTEGER, page_id INTEGER, content TEXT, completed INTEGER, position INTEGER");
        SCHEMA.put("tags", "id INTEGER, name TEXT");
        SCHEMA.put("page_tags", "page_id INTEGER, tag_id INTEGER");
        SCHEMA.put("separators", "id INTEGER, page_id INTEGER, name TEXT");
        SCHEMA.put("emails", "id INTEGER, page_id INTEGER, title TEXT, body TEXT, created_at TEXT");
        SCHEMA.put("galleries", "id INTEGER, page_id INTEGER, name TEXT");
        SCHEMA.put("images", "id INTEGER, gallery_id INTEGER, page_id INTEGER, file_name TEXT, description TEXT");
        SCHEMA.put("attachments", "id INTEGER, page_id INTEGER, file_name TEXT");
        SCHEMA.put("users", "id INTEGER, name TEXT, is_me INTEGER");
        SCHEMA.put("reminders", "id INTEGER, remind_at TEXT, content TEXT, creator_id INTEGER, creator_name TEXT");
        SCHEMA.put("reminder_remindees", "reminder_id INTEGER, user_id INTEGER, user_name TEXT");
        SCHEMA.put("journal_entries", "id INTEGER, user_id INTEGER, user_name TEXT, body TEXT, created_at TEXT, updated_at TEXT");
        SCHEMA.put("statuses", "id INTEGER, user_id INTEGER, user_name TEXT, message TEXT, updated_at TEXT");
        SCHEMA.put("calendars", "id INTEGER, name TEXT, color TEXT, created_at TEXT, updated_at TEXT");
        SCHEMA.put("calendar_events", "id INTEGER, calendar_id INTEGER, title TEXT, occurs_at TEXT, remind INTEGER");
        SCHEMA.put("bookmarks", "id INTEGER, user_id INTEGER, bookmarkable_type TEXT, bookmarkable_id INTEGER, position INTEGER");
    }

    @TempDir
    static Path dir;

    private static Path store;
    private static Path export;
    private static Snapshot snapshot;
    private static List<StoredPage> pages;
    private static StoredAccount account;

    @BeforeAll
    static void backUpAndExport() throws Exception {
        store = dir.resolve("store.db");
        snapshot = BackedUpStore.create(store, BackedUpStore.PAGES);
        export = dir.resolve("export.sqlite");
        run("export", "--db", store.toString(), "--format", "sqlite", "--out", export.toString());
        try (Store session = Store.open(store, Store.Access.READ)) {
            pages = BackedUpStore.pages(session.snapshots(), snapshot.id());
            account = session.snapshots().account(snapshot.id());
        }
    }

    @Test
    void everyTableAndColumnIsThereWithItsType() throws Exception {
        for (Map.Entry<String, String> table : SCHEMA.entrySet()) {
            StringBuilder columns = new StringBuilder();
            query("PRAGMA table_info(" + table.getKey() + ")", rows -> {
                while (rows.next()) {
                    columns.append(columns.length() == 0 ? "" : ", ").append(rows.getString("name")).append(' ').append(rows.getString("type"));
                }
            });
            assertThat(columns.toString()).as(table.getKey()).isEqualTo(table.getValue());
        }
        assertThat(sqlite3(".tables").split("\\s+")).containsExactlyInAnyOrderElementsOf(SCHEMA.keySet());
    }

    @Test
    void itHoldsTheSnapshot() throws Exception {
        assertThat(one("SELECT id || ' ' || account_url || ' ' || taken_at || ' ' || exported_at FROM snapshot"))
                .isEqualTo(snapshot.id() + " " + snapshot.account() + " " + snapshot.startedAt() + " " + snapshot.finishedAt());
        assertThat(one("SELECT count(*) FROM pages")).isEqualTo(Long.toString(snapshot.counts().pages()));
        assertThat(one("SELECT count(*) FROM notes")).isEqualTo(Long.toString(snapshot.counts().notes()));
        assertThat(one("SELECT count(*) FROM lists")).isEqualTo(Long.toString(snapshot.counts().lists()));
        assertThat(one("SELECT count(*) FROM items")).isEqualTo(Long.toString(snapshot.counts().items()));
        assertThat(one("SELECT count(*) FROM tags")).isEqualTo(Long.toString(snapshot.counts().tags()));
        assertThat(one("SELECT count(*) FROM separators")).isEqualTo(Long.toString(snapshot.counts().separators()));
        assertThat(one("SELECT count(*) FROM emails")).isEqualTo(Long.toString(snapshot.counts().emails()));
        long tagged = pages.stream().mapToLong(page -> page.page().tags().size()).sum();
        assertThat(one("SELECT count(*) FROM page_tags")).isEqualTo(Long.toString(tagged));
        assertThat(one("SELECT count(*) FROM items WHERE completed NOT IN (0, 1)")).isEqualTo("0");

        ItemList list = pages.stream().flatMap(page -> page.page().lists().stream()).filter(l -> l.items().size() >= 3).findFirst().orElseThrow();
        assertThat(one("SELECT group_concat(id, ',') FROM (SELECT id FROM items WHERE list_id = " + list.id() + " ORDER BY position)"))
                .isEqualTo(String.join(",", list.items().stream().map(item -> Long.toString(item.id())).toList()));
        assertThat(one("SELECT min(position) FROM items WHERE list_id = " + list.id())).isEqualTo("1");
    }

    @Test
    void itHoldsTheWholeAccountRowByRowAndNoCalendarCredential() throws Exception {
        Map<String, List<String>> expected = new LinkedHashMap<>();
        expected.put("users", account.users().users().stream()
                .map(u -> row(u.id(), u.name(), u.id() == account.users().meId() ? 1 : 0)).toList());
        expected.put("reminders", account.reminders().stream()
                .map(r -> row(r.id(), r.remindAt(), r.content(), r.creator().id(), r.creator().name())).toList());
        expected.put("reminder_remindees", account.reminders().stream()
                .flatMap(r -> r.remindees().stream().map(u -> row(r.id(), u.id(), u.name()))).toList());
        expected.put("journal_entries", account.journal().stream()
                .map(e -> row(e.id(), e.userId(), e.userName(), e.body(), e.createdAt(), e.updatedAt())).toList());
        expected.put("statuses", account.statuses().stream()
                .map(st -> row(st.id(), st.userId(), st.userName(), st.message(), st.updatedAt())).toList());
        expected.put("calendars", account.calendars().stream().map(CalendarWithEvents::calendar)
                .map(c -> row(c.id(), c.name(), c.color(), c.createdAt(), c.updatedAt())).toList());
        expected.put("calendar_events", account.calendars().stream().flatMap(c -> c.events().stream())
                .map(e -> row(e.id(), e.calendarId(), e.title(), e.occursAt(), e.remind() ? 1 : 0)).toList());
        expected.put("bookmarks", account.bookmarks().stream()
                .map(b -> row(b.id(), b.userId(), b.bookmarkableType(), b.bookmarkableId(), b.position())).toList());
        for (Map.Entry<String, List<String>> table : expected.entrySet()) {
            List<String> rows = new ArrayList<>();
            query("SELECT * FROM " + table.getKey(), result -> {
                int columns = result.getMetaData().getColumnCount();
                while (result.next()) {
                    Object[] values = new Object[columns];
                    for (int i = 0; i < columns; i++) {
                        values[i] = result.getObject(i + 1);
                    }
                    rows.add(row(values));
                }
            });
            assertThat(rows).as(table.getKey()).isNotEmpty().containsExactlyInAnyOrderElementsOf(table.getValue());
        }
        assertThat(one("SELECT count(*) FROM users WHERE is_me = 1")).isEqualTo("1");
        assertThat(one("SELECT count(*) FROM journal_entries")).isEqualTo(Long.toString(snapshot.counts().journalEntries()));
        assertThat(Secrets.leaksIn(new String(Files.readAllBytes(export), StandardCharsets.ISO_8859_1)))
                .as("a token, a calendar's sharing token among them, in the export").isFalse();
    }

    private static String row(Object... values) {
        StringBuilder row = new StringBuilder();
        for (Object value : values) {
            row.append(row.length() == 0 ? "" : "|").append(value instanceof Number number ? Long.toString(number.longValue()) : value);
        }
        return row.toString();
    }

    /** The README's example queries, as a user would run them. */
    @Test
    void theSqlite3ShellAnswersTheReadmeQueries() throws Exception {
        long open = pages.stream().flatMap(page -> page.page().lists().stream()).flatMap(l -> l.items().stream())
                .filter(item -> !item.completed()).count();
        String openPerList = sqlite3("SELECT p.title, l.name, count(*) AS open_items FROM items i JOIN lists l ON l.id = i.list_id"
                + " JOIN pages p ON p.id = i.page_id WHERE i.completed = 0 GROUP BY l.id ORDER BY open_items DESC, l.id LIMIT 3;");
        assertThat(openPerList.lines()).hasSize(3);
        assertThat(sqlite3("SELECT sum(completed = 0) FROM items;").strip()).isEqualTo(Long.toString(open));

        String pagesPerTag = sqlite3("SELECT t.name, count(*) AS pages FROM tags t JOIN page_tags pt ON pt.tag_id = t.id"
                + " GROUP BY t.id ORDER BY pages DESC, t.name LIMIT 5;");
        assertThat(pagesPerTag.lines()).hasSize(5);
        String topTag = pagesPerTag.lines().findFirst().orElseThrow();
        long topCount = Long.parseLong(topTag.substring(topTag.lastIndexOf('|') + 1));
        String topName = topTag.substring(0, topTag.lastIndexOf('|'));
        assertThat(pages.stream().filter(page -> page.page().tags().stream().anyMatch(tag -> tag.name().equals(topName))).count())
                .isEqualTo(topCount);
        System.out.println(openPerList + pagesPerTag);
    }

    private static String sqlite3(String sql) throws IOException, InterruptedException {
        Assumptions.assumeTrue(onPath(), "the sqlite3 shell is not installed");
        Process process = new ProcessBuilder("sqlite3", "-readonly", export.toString(), sql).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        return out;
    }

    private static boolean onPath() {
        String path = System.getenv("PATH");
        return path != null && java.util.Arrays.stream(path.split(java.io.File.pathSeparator))
                .anyMatch(folder -> Files.isExecutable(Path.of(folder, "sqlite3")));
    }

    @FunctionalInterface
    private interface Rows {
        void read(ResultSet rows) throws SQLException;
    }

    private static void query(String sql, Rows reader) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + export + "?open_mode=1");
             ResultSet rows = connection.createStatement().executeQuery(sql)) {
            reader.read(rows);
        }
    }

    private static String one(String sql) throws SQLException {
        String[] value = new String[1];
        query(sql, rows -> {
            rows.next();
            value[0] = rows.getString(1);
        });
        return value[0];
    }
}
