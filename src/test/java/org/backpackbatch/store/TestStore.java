package org.backpackbatch.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.backpackbatch.api.Secrets;

/**
 * A store of either dialect for a test that runs on both: a new SQLite file in the test's folder, or
 * a new database of the test JVM's PostgreSQL ({@link PostgresServer}). A behaviour test takes the
 * dialect as its parameter and the rest of it reads the same for both.
 */
public record TestStore(Dialect dialect, StoreLocation location) {

    /** A new, empty store named {@code name} (the file's name; on PostgreSQL a database of its own whatever the name). */
    public static TestStore create(Dialect dialect, Path dir, String name) {
        return new TestStore(dialect, dialect == Dialect.SQLITE ? StoreLocation.file(dir.resolve(name))
                : StoreLocation.parse(PostgresServer.shared().createDatabase()));
    }

    /** The SQLite file {@code file}, made or not. */
    public static TestStore file(Path file) {
        return new TestStore(Dialect.SQLITE, StoreLocation.file(file));
    }

    public static TestStore create(Dialect dialect, Path dir) {
        return create(dialect, dir, "store.db");
    }

    /**
     * A new store holding what this one holds now, named {@code name} beside it (on PostgreSQL a
     * database of its own): nothing may have it open.
     */
    public TestStore copy(String name) {
        if (location instanceof StoreLocation.SqliteFile file) {
            try {
                return new TestStore(dialect, StoreLocation.file(Files.copy(file.file(), file.file().resolveSibling(name))));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new TestStore(dialect, StoreLocation.parse(PostgresServer.shared().copyDatabase(db())));
    }

    /** Changes the store through a plain connection of its own, as a hand or a bad disk would. */
    public void execute(String... statements) {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** The SQLite file it is (a test of a file's own damage). */
    public Path file() {
        return ((StoreLocation.SqliteFile) location).file();
    }

    /** What {@code --db} is given. */
    public String db() {
        return location.toString();
    }

    public Store open(Store.Access access) {
        return Store.open(location, access);
    }

    /** One answer of a query through a plain connection of its own, outside any session (null when there is no row). */
    public String query(String sql) {
        try (Connection connection = connect();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            return rows.next() ? rows.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    public long count(String sql) {
        return Long.parseLong(query(sql));
    }

    /** True when any byte of the store holds the text: its files, or any row of any table of its database. */
    public boolean holds(String text) {
        return anyPart(part -> part.contains(text));
    }

    /** True when the store holds a secret the process knows: a token, a calendar's sharing token, a password. */
    public boolean leaksASecret() {
        return anyPart(Secrets::leaksIn);
    }

    /** Whether any part of the store passes the test: each of its files as bytes, or each row of its database as text. */
    private boolean anyPart(Predicate<String> test) {
        if (location instanceof StoreLocation.SqliteFile file) {
            for (Path part : List.of(file.file(), file.file().resolveSibling(file.file().getFileName() + "-wal"))) {
                try {
                    if (Files.exists(part) && test.test(new String(Files.readAllBytes(part), StandardCharsets.ISO_8859_1))) {
                        return true;
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return false;
        }
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery("SELECT quote_ident(table_name) FROM information_schema.tables"
                    + " WHERE table_schema = current_schema()")) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            }
            for (String table : tables) {
                try (ResultSet rows = statement.executeQuery("SELECT t::text FROM " + table + " t")) {
                    while (rows.next()) {
                        if (test.test(rows.getString(1))) {
                            return true;
                        }
                    }
                }
            }
            return false;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the store " + location + ": " + e.getMessage(), e);
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(location instanceof StoreLocation.SqliteFile file ? StoreFile.jdbcUrl(file.file()) : db());
    }

    @Override
    public String toString() {
        return dialect.name().toLowerCase(java.util.Locale.ROOT);
    }
}
