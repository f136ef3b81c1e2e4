package org.backpackbatch.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.Closeable;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.sqlite.SQLiteDataSource;

/**
 * An open store: its connections, transactions and snapshots, and nothing else started. A reader
 * gets one connection and never changes the schema; a writer gets a few (WAL lets reads go on
 * beside the one writer) and brings an older schema up to date first. A file SQLite finds damaged
 * is an {@link IntegrityFailure}, whatever the command.
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

    /** Connections of a writer: the one writer, and readers beside it (WAL). */
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
        this.transactions = new DataSourceTransactionManager(dataSource);
    }

    /** The store in the SQLite file {@code file}. */
    public static Store open(java.nio.file.Path file, Access access) {
        return open(new StoreLocation(file), access);
    }

    public static Store open(StoreLocation location, Access access) {
        try {
            StoreFile.prepare(location.file(), access == Access.CREATE, access != Access.READ);
            return access == Access.READ ? reader(location) : writer(location);
        } catch (RuntimeException e) {
            throw IntegrityFailure.damaged(location.file(), e).<RuntimeException>map(damage -> damage).orElse(e);
        }
    }

    private static Store reader(StoreLocation location) {
        Connection connection;
        try {
            connection = sqlite(location).getConnection();
        } catch (SQLException e) {
            throw new StoreProblem("cannot open the store " + location + ": " + e.getMessage());
        }
        SingleConnectionDataSource single = new SingleConnectionDataSource(connection, true);
        try {
            StoreSchema.require(location, StoreSchema.versionOf(connection), true);
        } catch (SQLException | RuntimeException e) {
            single.destroy();
            throw e instanceof RuntimeException runtime ? runtime : new StoreProblem("cannot read the store " + location + ": " + e.getMessage());
        }
        return new Store(location, single, single::destroy);
    }

    private static Store writer(StoreLocation location) {
        int version;
        try (Connection connection = sqlite(location).getConnection()) {
            version = StoreSchema.versionOf(connection);
        } catch (SQLException e) {
            throw new StoreProblem("cannot open the store " + location + ": " + e.getMessage());
        }
        StoreSchema.require(location, version, false);
        if (version < StoreSchema.CURRENT) {
            StoreSchema.migrate(location);
        }
        HikariConfig config = new HikariConfig();
        config.setDataSource(sqlite(location));
        config.setMaximumPoolSize(WRITER_CONNECTIONS);
        config.setPoolName("store");
        HikariDataSource pool = new HikariDataSource(config);
        return new Store(location, pool, pool);
    }

    private static SQLiteDataSource sqlite(StoreLocation location) {
        SQLiteDataSource dataSource = new SQLiteDataSource();
        dataSource.setUrl(StoreFile.jdbcUrl(location.file()));
        return dataSource;
    }

    public StoreLocation location() {
        return location;
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

    public synchronized SnapshotStore snapshots() {
        if (snapshots == null) {
            snapshots = new SnapshotStore(jdbc, transactions());
        }
        return snapshots;
    }

    @Override
    public void close() {
        try {
            connections.close();
        } catch (java.io.IOException e) {
            // closing only releases connections
        }
    }
}
