package org.backpackbatch.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The schema version of a store: the Flyway migrations of its dialect's folder under {@code db/}
 * it has applied. Reading a store asks for the current schema and changes nothing; only a command
 * that writes brings an older store up to date, and no command opens a store a newer
 * backpack-batch wrote.
 */
public final class StoreSchema {

    /** The newest SQLite migration this version ships (db/sqlite/V{CURRENT}__*.sql). */
    public static final int CURRENT = Dialect.SQLITE.currentSchema();

    static final String HISTORY = "flyway_schema_history";

    private StoreSchema() {
    }

    /** The version the store's schema is at: 0 for a new, empty store. */
    static int versionOf(Connection connection, Dialect dialect) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            boolean hasHistory = false;
            try (ResultSet tables = statement.executeQuery(dialect.tablesQuery())) {
                while (tables.next()) {
                    hasHistory |= tables.getString(1).equals(HISTORY);
                }
            }
            if (!hasHistory) {
                return 0;
            }
            try (ResultSet version = statement.executeQuery("SELECT max(CAST(version AS INTEGER)) FROM " + HISTORY + " WHERE success")) {
                return version.next() ? version.getInt(1) : 0;
            }
        }
    }

    /** Refuses a store newer than this version, and, for a reader, one older than it. */
    static void require(StoreLocation location, int version, boolean reader) {
        int current = location.dialect().currentSchema();
        if (version > current) {
            throw new StoreProblem("the store " + location + " was written by a newer backpack-batch (schema version " + version
                    + "); upgrade backpack-batch to use it");
        }
        if (reader && version < current) {
            throw new StoreProblem("the store " + location + " has schema version " + version + " and this backpack-batch reads "
                    + current + "; a command that writes to it (backup, forget, import) upgrades it first");
        }
    }

    /**
     * Applies the migrations the store lacks. On SQLite with foreign keys off, as SQLite's procedure
     * for rebuilding a table asks; on PostgreSQL each migration is one transaction, and Flyway's own
     * lock lets one process migrate while others wait.
     */
    static void migrate(StoreLocation location, DataSource dataSource) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations(location.dialect().migrations())
                .load()
                .migrate();
    }
}
