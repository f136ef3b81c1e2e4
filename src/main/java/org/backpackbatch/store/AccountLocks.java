package org.backpackbatch.store;

import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import org.backpackbatch.store.StoreLocation.PostgresDatabase;

/**
 * The writer locks of accounts in a PostgreSQL store: a session-level advisory lock per account,
 * keyed by a hash of its URL, on a connection of its own that is held for the run. Another process
 * asking for a held account is refused at once; the server drops a session's locks when its
 * connection ends, so a killed run never blocks the next one. All of a command's accounts or none.
 */
public final class AccountLocks implements WriterLock {

    private final Connection connection;

    private AccountLocks(Connection connection) {
        this.connection = connection;
    }

    static AccountLocks acquire(PostgresDatabase database, Collection<String> accounts) {
        return acquire(database, connection -> accounts);
    }

    /** The locks of every account the store holds now; a store yet to be made holds none. */
    static AccountLocks acquireEveryAccount(PostgresDatabase database) {
        return acquire(database, connection -> {
            StoreDatabase.checkIsAStore(connection, database);
            List<String> accounts = new ArrayList<>();
            if (StoreSchema.versionOf(connection, Dialect.POSTGRESQL) > 0) {
                try (Statement statement = connection.createStatement(); ResultSet urls = statement.executeQuery("SELECT url FROM accounts")) {
                    while (urls.next()) {
                        accounts.add(urls.getString(1));
                    }
                }
            }
            return accounts;
        });
    }

    /** Which accounts to lock, read on the connection that will hold the locks. */
    private interface AccountsToLock {
        Collection<String> on(Connection connection) throws SQLException;
    }

    private static AccountLocks acquire(PostgresDatabase database, AccountsToLock accounts) {
        Connection connection = StoreDatabase.connect(database, StoreDatabase.dataSource(database));
        try {
            lock(database, connection, accounts.on(connection));
            return new AccountLocks(connection);
        } catch (SQLException e) {
            close(connection);
            throw StoreDatabase.failure(database, e);
        } catch (RuntimeException e) {
            close(connection);
            throw e;
        }
    }

    /** Takes each account's lock in URL order, or none: a busy one releases those taken and refuses, naming it. */
    private static void lock(PostgresDatabase database, Connection connection, Collection<String> accounts) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            for (String account : new TreeSet<>(accounts)) {
                lock.setLong(1, key(account));
                try (ResultSet taken = lock.executeQuery()) {
                    taken.next();
                    if (!taken.getBoolean(1)) {
                        try (Statement unlock = connection.createStatement()) {
                            unlock.execute("SELECT pg_advisory_unlock_all()");
                        }
                        throw new StoreLock.StoreBusyException("another backpack-batch job is writing to " + account + " in " + database
                                + "; run this one when it has finished");
                    }
                }
            }
        }
    }

    /**
     * The advisory lock key of an account: 64 bits of a SHA-256 of its URL, so that two accounts of
     * a store never share one (the chance is 2^-64 a pair), nor an account a key of another program's.
     */
    public static long key(String accountUrl) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(("backpack-batch account " + accountUrl).getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        close(connection);
    }

    private static void close(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            // the server drops the session's locks with the connection anyway
        }
    }
}
