package org.backpackbatch.store;

import org.springframework.transaction.annotation.Isolation;

/**
 * The database a store lives in, and every piece of SQL or setting that differs between the two:
 * asked here, one concern a method, so that the store's code reads the same on both. The schemas
 * themselves are the migrations under {@code db/sqlite/} and {@code db/postgresql/}; there the
 * types differ (PostgreSQL's boolean, bytea, identity columns, "C" collation), and the SQL the
 * store sends is written to mean the same on both (TRUE and FALSE for flags, bound booleans).
 */
public enum Dialect {

    /** A file: the embedded default, one writer a store. */
    SQLITE("sqlite", 8, "V1__spring_batch_job_repository.sql"),
    /** A server: many accounts and machines, one writer an account. */
    POSTGRESQL("postgresql", 3, "V1__snapshot_store_and_job_repository.sql");

    private final String folder;
    private final int currentSchema;
    private final String firstMigration;

    Dialect(String folder, int currentSchema, String firstMigration) {
        this.folder = folder;
        this.currentSchema = currentSchema;
        this.firstMigration = firstMigration;
    }

    /** The folder of its migrations: {@code db/FOLDER/} in the repository, {@code db/migration/FOLDER/} in the jar. */
    public String folder() {
        return folder;
    }

    /** Where Flyway finds its migrations. */
    String migrations() {
        return "classpath:db/migration/" + folder;
    }

    /** The newest migration this version ships for it (db/FOLDER/V{N}__*.sql); a test keeps the two in step. */
    public int currentSchema() {
        return currentSchema;
    }

    /** The migration every store of this dialect applied first: a database whose history starts otherwise is someone else's. */
    String firstMigration() {
        return firstMigration;
    }

    /** Spring Batch's name for it, which picks its job repository's SQL and id incrementers. */
    public String batchDatabaseType() {
        return this == SQLITE ? "SQLITE" : "POSTGRES";
    }

    /**
     * The isolation Spring Batch creates job executions at. Its default, SERIALIZABLE, makes
     * concurrent launches on PostgreSQL fail with serialization errors (spring-batch issue 1497);
     * SQLite has one writer anyway and keeps the default.
     */
    public Isolation isolationForCreate() {
        return this == SQLITE ? Isolation.SERIALIZABLE : Isolation.READ_COMMITTED;
    }

    /** The names of the tables in the store's schema, other than the database's own. */
    String tablesQuery() {
        return this == SQLITE
                ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name"
                : "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY table_name";
    }

    /**
     * The versions table as the query of a page's current versions reads it: without statistics
     * SQLite prefers versions_by_end, which reads every current version of the account for each
     * page, so it is told the index; PostgreSQL's planner has statistics.
     */
    String currentVersionsOfAPage() {
        return this == SQLITE ? "versions INDEXED BY versions_current" : "versions";
    }

    /** The highest snapshot id the store has ever issued (0 if none): ids are never reused, so a range beyond it is damage. */
    String issuedSnapshotIdsQuery() {
        return this == SQLITE
                ? "SELECT coalesce(max(seq), 0) FROM sqlite_sequence WHERE name = 'snapshots'"
                : "SELECT coalesce(pg_sequence_last_value(pg_get_serial_sequence('snapshots', 'id')::regclass), 0)";
    }

    /** The column that orders a table's rows as they were inserted: SQLite's rowid, an identity column on PostgreSQL. */
    public String insertionOrder() {
        return this == SQLITE ? "rowid" : "id";
    }

    /**
     * Rows fetched at a time by a query that reads many (a snapshot's records, every version): the
     * PostgreSQL driver otherwise loads a whole result into memory, and streams it only inside a
     * transaction; SQLite steps through its rows anyway (0: the driver's default). Ten thousand rows
     * (a few MB) a round trip: an export or a verify of 130,000 records is 13 of them.
     */
    int fetchSize() {
        return this == SQLITE ? 0 : 10_000;
    }

    /** Whether a query that reads many rows must run in a transaction to stream them (see {@link #fetchSize()}). */
    boolean streamsInTransaction() {
        return this == POSTGRESQL;
    }
}
