package org.backpackbatch.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;

/**
 * The schema version of a store: the Flyway migrations of {@code db/} it has applied. Reading a
 * store asks for the current schema and changes nothing; only a command that writes brings an
 * older store up to date, and no command opens a store a newer backpack-batch wrote.
 */
public final class StoreSchema {

    /** The newest migration this version ships (db/V{CURRENT}__*.sql); a test keeps the two in step. */
    public static final int CURRENT = 7;

    private static final String HISTORY = "flyway_schema_history";

    private StoreSchema() {
    }

    /** The version the store's schema is at: 0 for a new, empty store. */
    static int versionOf(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            try (ResultSet table = statement.executeQuery("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '" + HISTORY + "'")) {
                if (!table.next() || table.getInt(1) == 0) {
                    return 0;
                }
            }
            try (ResultSet version = statement.executeQuery("SELECT max(CAST(version AS INTEGER)) FROM " + HISTORY + " WHERE success = 1")) {
                return version.next() ? version.getInt(1) : 0;
            }
        }
    }

    /** Refuses a store newer than this version, and, for a reader, one older than it. */
    static void require(StoreLocation location, int version, boolean reader) {
        if (version > CURRENT) {
            throw new StoreProblem("the store " + location + " was written by a newer backpack-batch (schema version " + version
                    + "); upgrade backpack-batch to use it");
        }
        if (reader && version < CURRENT) {
            throw new StoreProblem("the store " + location + " has schema version " + version + " and this backpack-batch reads "
                    + CURRENT + "; a command that writes to it (backup, forget, import) upgrades it first");
        }
    }

    /** Applies the migrations the store lacks, with foreign keys off as SQLite's procedure for rebuilding a table asks. */
    static void migrate(StoreLocation location) {
        org.sqlite.SQLiteDataSource dataSource = new org.sqlite.SQLiteDataSource();
        dataSource.setUrl(StoreFile.jdbcUrl(location.file(), false));
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
    }
}
