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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.backpackbatch.api.model.ItemList;
import org.backpackbatch.store.PageRecords.StoredPage;
import org.backpackbatch.store.Snapshot;
import org.backpackbatch.store.Store;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SQLite export has the public schema, holds the snapshot, and answers the README's queries in the sqlite3 shell. */
class SqliteExportTest {

    /** cli.md's tables and columns with their types, and the tables the README adds for the other resources. */
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
    }

    @TempDir
    static Path dir;

    private static Path store;
    private static Path export;
    private static Snapshot snapshot;
    private static List<StoredPage> pages;

    @BeforeAll
    static void backUpAndExport() throws Exception {
        store = dir.resolve("store.db");
        snapshot = BackedUpStore.create(store, BackedUpStore.PAGES);
        export = dir.resolve("export.sqlite");
        run("export", "--db", store.toString(), "--format", "sqlite", "--out", export.toString());
        try (Store session = Store.open(store, Store.Access.READ)) {
            pages = BackedUpStore.pages(session.snapshots(), snapshot.id());
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
