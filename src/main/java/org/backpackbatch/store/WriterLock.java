package org.backpackbatch.store;

import java.util.List;
import java.util.function.Supplier;
import org.backpackbatch.store.StoreLocation.PostgresDatabase;
import org.backpackbatch.store.StoreLocation.SqliteFile;

/**
 * One writer at a time, taken before a command opens the store to change it and held until it is
 * done: of the whole store on SQLite ({@link StoreLock}, a file lock), of each account it writes on
 * PostgreSQL ({@link AccountLocks}), so that processes on many machines back up different accounts
 * of one database at once. Either way a second writer is refused at once with the same words and
 * exit 2, and a killed holder's lock is released by the system (or the server) with its process.
 */
public sealed interface WriterLock extends AutoCloseable permits StoreLock, AccountLocks {

    /**
     * Locks the store for a command that writes the {@code accounts} (read only for a database: an
     * import takes its account from the archive); {@code create}: an SQLite store that is missing will be created.
     */
    static WriterLock acquire(StoreLocation location, boolean create, Supplier<List<String>> accounts) {
        if (location instanceof PostgresDatabase database) {
            return AccountLocks.acquire(database, accounts.get());
        }
        return StoreLock.acquire(((SqliteFile) location).file(), create);
    }

    /** Locks the store for a command that may change any of its accounts (forget). */
    static WriterLock acquireEveryAccount(StoreLocation location) {
        if (location instanceof PostgresDatabase database) {
            return AccountLocks.acquireEveryAccount(database);
        }
        return StoreLock.acquire(((SqliteFile) location).file(), false);
    }

    @Override
    void close();
}
