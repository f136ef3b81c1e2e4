package org.backpackbatch.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sqlite.SQLiteDataSource;
import org.junit.jupiter.api.io.TempDir;

/** What a store file must be before anything opens it, and its schema from db/. */
class StoreFileTest {

    @TempDir
    Path dir;

    @Test
    void createsAMissingStoreWithEveryMigration() throws Exception {
        Path store = dir.resolve("new.db");
        Store.open(store, Store.Access.CREATE).close();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + store);
             Statement statement = connection.createStatement();
             ResultSet tables = statement.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")) {
            StringBuilder names = new StringBuilder();
            while (tables.next()) {
                names.append(tables.getString(1)).append(' ');
            }
            assertThat(names.toString()).contains("BATCH_JOB_EXECUTION ", "accounts ", "snapshots ", "versions ", "snapshot_worklist ");
        }
    }

    @Test
    void refusesAMissingStoreWhenTheCommandOnlyReads() {
        assertThatThrownBy(() -> Store.open(dir.resolve("none.db"), Store.Access.READ).close())
                .isInstanceOf(StoreProblem.class).hasMessageContaining("no store at");
    }

    @Test
    void refusesAFileThatIsNotSqliteAndLeavesItAlone() throws Exception {
        Path notes = dir.resolve("notes.txt");
        Files.writeString(notes, "shopping: milk, eggs\n");
        assertThatThrownBy(() -> Store.open(notes, Store.Access.CREATE).close())
                .isInstanceOf(StoreProblem.class).hasMessageContaining("not an SQLite file");
        assertThat(Files.readString(notes)).isEqualTo("shopping: milk, eggs\n");
    }

    @Test
    void refusesAStoreWrittenByANewerVersion() throws Exception {
        Path store = dir.resolve("future.db");
        Store.open(store, Store.Access.CREATE).close();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + store);
             Statement statement = connection.createStatement()) {
            statement.executeUpdate("INSERT INTO flyway_schema_history (installed_rank, version, description, type, script,"
                    + " checksum, installed_by, execution_time, success) VALUES (99, '99', 'from the future', 'SQL',"
                    + " 'V99__from_the_future.sql', 0, 'test', 0, 1)");
        }
        assertThatThrownBy(() -> Store.open(store, Store.Access.WRITE).close())
                .isInstanceOf(StoreProblem.class)
                .hasMessageContaining("newer backpack-batch")
                .hasMessageContaining("99");
    }

    @Test
    void refusesToWriteAReadOnlyStore() throws Exception {
        Path store = dir.resolve("readonly.db");
        Store.open(store, Store.Access.CREATE).close();
        assertThat(store.toFile().setWritable(false)).isTrue();
        try {
            if (Files.isWritable(store)) {
                return; // running as root: the file stays writable whatever its mode, nothing to show
            }
            assertThatThrownBy(() -> Store.open(store, Store.Access.WRITE).close())
                    .isInstanceOf(StoreProblem.class).hasMessageContaining("read-only");
        } finally {
            store.toFile().setWritable(true);
        }
    }

    @Test
    void aNewStoreAndTheFilesSqliteAddsBesideItAreOnlyForItsOwner() throws Exception {
        Path store = dir.resolve("private.db");
        Store.open(store, Store.Access.CREATE).close();
        try (Connection connection = DriverManager.getConnection(StoreFile.jdbcUrl(store));
             Statement statement = connection.createStatement()) {
            statement.executeUpdate("INSERT INTO accounts (url) VALUES ('http://127.0.0.1:1/private')");
            for (String name : new String[] {"private.db", "private.db-wal", "private.db-shm"}) {
                assertThat(SpecialFiles.modeOf(dir.resolve(name))).as(name).isEqualTo("rw-------");
            }
        }
    }

    @Test
    void refusesAnSqliteDatabaseThatIsNotAStoreAndLeavesItByteForByte() throws Exception {
        Path recipes = dir.resolve("recipes.db");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + recipes);
             Statement statement = connection.createStatement()) {
            statement.executeUpdate("CREATE TABLE recipes (name TEXT, steps TEXT)");
            statement.executeUpdate("INSERT INTO recipes VALUES ('bread', 'knead, wait, bake')");
        }
        byte[] before = Files.readAllBytes(recipes);

        assertThatThrownBy(() -> Store.open(recipes, Store.Access.CREATE).close()).isInstanceOf(StoreProblem.class)
                .hasMessage(recipes + " is an SQLite database but not a backpack-batch store (it holds the tables recipes);"
                        + " it was left as it is: give --db a new file name");

        assertThat(Files.readAllBytes(recipes)).isEqualTo(before);
        try (var files = Files.list(dir)) {
            assertThat(files).as("no -wal, -shm or -journal beside it").containsExactly(recipes);
        }
    }

    @Test
    void refusesAnotherApplicationsDatabaseInWalModeWhileItIsOpen() throws Exception {
        Path notes = dir.resolve("notes.db");
        try (Connection owner = DriverManager.getConnection("jdbc:sqlite:" + notes + "?journal_mode=WAL");
             Statement statement = owner.createStatement()) {
            statement.executeUpdate("CREATE TABLE notes (body TEXT)");
            statement.executeUpdate("CREATE TABLE tags (name TEXT)");
            statement.executeUpdate("INSERT INTO notes VALUES ('only in the WAL so far')");
            assertThat(dir.resolve("notes.db-wal")).exists();
            byte[] before = Files.readAllBytes(notes);

            assertThatThrownBy(() -> Store.open(notes, Store.Access.CREATE).close()).isInstanceOf(StoreProblem.class)
                    .hasMessageContaining("not a backpack-batch store (it holds the tables notes, tags)");
            assertThat(Files.readAllBytes(notes)).isEqualTo(before);
        }
    }

    @Test
    void refusesAStoreWithTwoNames() throws Exception {
        Path store = dir.resolve("store.db");
        Store.open(store, Store.Access.CREATE).close();
        Path other = Files.createLink(dir.resolve("other.db"), store);

        assertThatThrownBy(() -> Store.open(other, Store.Access.READ).close()).isInstanceOf(StoreProblem.class)
                .hasMessageContaining("has 2 names (hard links)");
    }

    @Test
    void aStoreWhosePathHoldsAQuestionMarkOrAHashIsThatFileAndNoOther() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("plans?draft #2"));
        Path store = folder.resolve("trips?.db");

        Store.open(store, Store.Access.CREATE).close();

        try (var files = Files.list(dir)) {
            assertThat(files).as("nothing at a path cut short at the '?'").containsExactly(folder);
        }
        try (Connection connection = DriverManager.getConnection(StoreFile.jdbcUrl(store));
             Statement statement = connection.createStatement();
             ResultSet count = statement.executeQuery("SELECT count(*) FROM sqlite_master WHERE name = 'snapshots'")) {
            assertThat(count.getInt(1)).isEqualTo(1);
        }
        assertThat(Files.size(store)).isPositive();
    }

    @Test
    void aReaderRefusesAnOlderStoreAndNeverMigratesIt() throws Exception {
        Path store = dir.resolve("old.db");
        Store.open(store, Store.Access.CREATE).close();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + store);
             Statement statement = connection.createStatement()) {
            statement.executeUpdate("DELETE FROM flyway_schema_history WHERE version = '" + StoreSchema.CURRENT + "'");
        }
        byte[] before = Files.readAllBytes(store);

        assertThatThrownBy(() -> Store.open(store, Store.Access.READ).close()).isInstanceOf(StoreProblem.class)
                .hasMessageContaining("schema version " + (StoreSchema.CURRENT - 1)).hasMessageContaining("a command that writes");
        assertThat(Files.readAllBytes(store)).as("a reader changes nothing").isEqualTo(before);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void theSchemaVersionThisVersionReadsIsItsNewestMigration(Dialect dialect) throws Exception {
        try (var migrations = Files.list(Path.of("db", dialect.folder()))) {
            int newest = migrations.map(file -> file.getFileName().toString()).filter(name -> name.matches("V\\d+__.*\\.sql"))
                    .mapToInt(name -> Integer.parseInt(name.substring(1, name.indexOf("__")))).max().orElseThrow();
            assertThat(dialect.currentSchema()).isEqualTo(newest);
        }
    }

    /**
     * The SQLite migrations moved from db/ to db/sqlite/ under the same names and content: a store that
     * applied them from their old place still validates against them (Flyway checks every applied
     * migration's checksum before it adds one), opens (a writer adds the migrations since), and holds its snapshot.
     */
    @Test
    void aStoreMadeWhileTheMigrationsLayInDbItselfStillValidatesOpensAndReads() throws Exception {
        Path store = dir.resolve("made-before.db");
        String dump = new String(getClass().getResourceAsStream("store-of-the-flat-db-layout.sql").readAllBytes(), StandardCharsets.UTF_8);
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + store);
             Statement statement = connection.createStatement()) {
            statement.executeUpdate(dump);
        }

        SQLiteDataSource source = new SQLiteDataSource();
        source.setUrl(StoreFile.jdbcUrl(store));
        // migrations it predates are pending, which a writer applies; what must hold is the checksum of each one it applied
        Flyway.configure().dataSource(source).locations("classpath:db/migration/" + Dialect.SQLITE.folder())
                .ignoreMigrationPatterns("*:pending").load().validate();
        try (Store opened = Store.open(store, Store.Access.WRITE)) {
            assertThat(opened.snapshots().snapshots(null)).singleElement()
                    .satisfies(snapshot -> assertThat(snapshot.complete()).isTrue())
                    .satisfies(snapshot -> assertThat(snapshot.counts().items()).isEqualTo(149));
            assertThat(StoreVerifier.verify(opened, null, problem -> { }).problems()).isZero();
        }
    }
}
