package org.backpackbatch.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.backpackbatch.store.StoreLocation.PostgresDatabase;
import org.backpackbatch.store.StoreLocation.SqliteFile;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An open store: its connections, transactions and snapshots, and nothing else started. A reader
 * gets one connection and never changes the schema (on PostgreSQL its session is read-only); a
 * writer gets a small pool and brings an older schema up to date first. A file SQLite finds
 * damaged is an {@link IntegrityFailure}, whatever the command.
 */
public final class Store implements AutoCloseable {

    /** What a command does with the store. */
    public enum Access {
        /** Reads it; it must exist and be at this version's schema. */
        READ,
        /** Changes it; it must exist, an older schema is upgraded. */
        WRITE,
        /** Changes it, creating it when missing. */
        CREATE
    }

    /**
     * Connections of a writer: a chunk's transaction, the job repository's own and readers beside
     * them (SQLite's WAL lets them read beside the one writer). On PostgreSQL the pool keeps one
     * idle, so that many runs on a node do not hold the server's connections while they wait on HTTP.
     */
    private static final int WRITER_CONNECTIONS = 4;

    private final StoreLocation location;
    private final DataSource dataSource;
    private final Closeable connections;
    private final JdbcTemplate jdbc;
    private final DataSourceTransactionManager transactions;
    private SnapshotStore snapshots;

    private Store(StoreLocation location, DataSource dataSource, Closeable connections) {
        this.location = location;
        this.dataSource = dataSource;
        this.connections = connections;
        this.jdbc = new JdbcTemplate(dataSource);
        if (location.dialect().fetchSize() > 0) {
            jdbc.setFetchSize(location.dialect().fetchSize());
        }
        this.transactions = new DataSourceTransactionManager(dataSource);
    }

    /** The store in the SQLite file {@code file}. */
    public static Store open(Path file, Access access) {
        return open(StoreLocation.file(file), access);
    }

    public static Store open(StoreLocation location, Access access) {
        if (location instanceof PostgresDatabase database) {
            return openDatabase(database, access);
        }
        Path file = ((SqliteFile) location).file();
        try {
            StoreFile.prepare(file, access == Access.CREATE, access != Access.READ);
            return access == Access.READ ? sqliteReader(location) : sqliteWriter(location);
        } catch (RuntimeException e) {
            throw IntegrityFailure.damaged(file, e).<RuntimeException>map(damage -> damage).orElse(e);
        }
    }

    private static Store sqliteReader(StoreLocation location) {
        Connection connection;
        try {
            connection = sqlite(location).getConnection();
        } catch (SQLException e) {
            throw new StoreProblem("cannot open the store " + location + ": " + e.getMessage());
        }
        SingleConnectionDataSource single = new SingleConnectionDataSource(connection, true);
        try {
            StoreSchema.require(location, StoreSchema.versionOf(connection, Dialect.SQLITE), true);
        } catch (SQLException | RuntimeException e) {
            single.destroy();
            throw e instanceof RuntimeException runtime ? runtime : new StoreProblem("cannot read the store " + location + ": " + e.getMessage());
        }
        return new Store(location, single, single::destroy);
    }

    private static Store sqliteWriter(StoreLocation location) {
        int version;
        try (Connection connection = sqlite(location).getConnection()) {
            version = StoreSchema.versionOf(connection, Dialect.SQLITE);
        } catch (SQLException e) {
            throw new StoreProblem("cannot open the store " + location + ": " + e.getMessage());
        }
        StoreSchema.require(location, version, false);
        if (version < StoreSchema.CURRENT) {
            // with foreign keys off, as SQLite's procedure for rebuilding a table asks (a drop then cascades nothing)
            StoreSchema.migrate(location, StoreFile.dataSource(((SqliteFile) location).file(), false));
        }
        HikariDataSource pool = pool(sqlite(location), 0);
        return new Store(location, pool, pool);
    }

    private static DataSource sqlite(StoreLocation location) {
        return StoreFile.dataSource(((SqliteFile) location).file(), true);
    }

    /**
     * The store in a PostgreSQL database: checked through a first connection (reachable, a store or
     * empty, the schema not newer), which a reader keeps, read-only; a writer migrates and pools.
     */
    private static Store openDatabase(PostgresDatabase database, Access access) {
        PGSimpleDataSource source = StoreDatabase.dataSource(database);
        Connection connection = StoreDatabase.connect(database, source);
        int version;
        try {
            StoreDatabase.checkIsAStore(connection, database);
            version = StoreSchema.versionOf(connection, Dialect.POSTGRESQL);
            if (version == 0 && access != Access.CREATE) {
                throw new StoreProblem("no store in " + database + " yet; a backup creates one");
            }
            StoreSchema.require(database, version, access == Access.READ);
            if (access == Access.READ) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY");
                }
                SingleConnectionDataSource single = new SingleConnectionDataSource(connection, true);
                return new Store(database, single, single::destroy);
            }
        } catch (SQLException e) {
            close(connection);
            throw StoreDatabase.failure(database, e);
        } catch (RuntimeException e) {
            close(connection);
            throw e;
        }
        close(connection);
        if (version < Dialect.POSTGRESQL.currentSchema()) {
            StoreSchema.migrate(database, source);
        }
        HikariDataSource pool = pool(source, 1);
        return new Store(database, pool, pool);
    }

    private static void close(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            // only a connection that checked the store
        }
    }

    /**
     * A pool of at most {@code size} connections to the store's database, for what keeps tables of its
     * own there beside the store (the schedule's Quartz cluster); the caller closes it.
     */
    public static HikariDataSource pool(PostgresDatabase database, int size, String name) {
        HikariConfig config = new HikariConfig();
        config.setDataSource(StoreDatabase.dataSource(database));
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(1);
        config.setPoolName(name);
        return new HikariDataSource(config);
    }

    /** A writer's pool; {@code idle} connections kept open (0: as many as it has). */
    private static HikariDataSource pool(DataSource source, int idle) {
        HikariConfig config = new HikariConfig();
        config.setDataSource(source);
        config.setMaximumPoolSize(WRITER_CONNECTIONS);
        if (idle > 0) {
            config.setMinimumIdle(idle);
        }
        config.setPoolName("store");
        return new HikariDataSource(config);
    }

    public StoreLocation location() {
        return location;
    }

    public Dialect dialect() {
        return location.dialect();
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public JdbcTemplate jdbc() {
        return jdbc;
    }

    public PlatformTransactionManager transactionManager() {
        return transactions;
    }

    /** Runs {@code work} in one transaction of the store. */
    public TransactionTemplate transactions() {
        return new TransactionTemplate(transactions);
    }

    /**
     * Runs a query that reads many rows (a snapshot's records, every version) with its rows streamed
     * to {@code rows}, not loaded at once: on PostgreSQL in a read-only transaction of its own (or the
     * caller's), as its driver streams only there.
     */
    public void stream(String sql, RowCallbackHandler rows, Object... arguments) {
        if (!dialect().streamsInTransaction()) {
            jdbc.query(sql, rows, arguments);
            return;
        }
        TransactionTemplate reading = transactions();
        reading.setReadOnly(true);
        reading.executeWithoutResult(status -> jdbc.query(sql, rows, arguments));
    }

    /** How much room the store takes: its SQLite files, or its tables and indexes in the database. */
    public long sizeInBytes() {
        if (location instanceof SqliteFile file) {
            long bytes = 0;
            for (Path part : StoreFile.sqliteFiles(file.file())) {
                try {
                    bytes += Files.exists(part) ? Files.size(part) : 0;
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read the size of " + part + ": " + e.getMessage(), e);
                }
            }
            return bytes;
        }
        return jdbc.queryForObject("SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0) FROM pg_class c"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() AND c.relkind = 'r'", Long.class);
    }

    public synchronized SnapshotStore snapshots() {
        if (snapshots == null) {
            snapshots = new SnapshotStore(this);
        }
        return snapshots;
    }

    @Override
    public void close() {
        try {
            connections.close();
        } catch (IOException e) {
            // closing only releases connections
        }
    }
}
