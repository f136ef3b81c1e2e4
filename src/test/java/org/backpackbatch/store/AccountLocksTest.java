package org.backpackbatch.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On PostgreSQL one writer per account, not per store: writers of different accounts of one database
 * run side by side, a second writer of the same account is refused at once and naming it, and a
 * lock goes with its holder.
 */
class AccountLocksTest {

    private static final String ACME = "http://127.0.0.1:8080/acme";
    private static final String OTHER = "http://127.0.0.1:8080/other";

    @TempDir
    Path dir;

    @SuppressWarnings("try") // the lock is held for the scope, not used in it
    @Test
    void writersOfDifferentAccountsRunSideBySideAndASecondWriterOfOneIsRefused() {
        TestStore store = TestStore.create(Dialect.POSTGRESQL, dir);
        try (Store created = store.open(Store.Access.CREATE)) {
            created.snapshots().accountId(ACME);
            created.snapshots().accountId(OTHER);
        }
        try (WriterLock other = WriterLock.acquire(store.location(), false, () -> List.of(OTHER))) {
            WriterLock.acquire(store.location(), false, () -> List.of(ACME)).close();
            assertThatThrownBy(() -> WriterLock.acquire(store.location(), false, () -> List.of(OTHER, ACME)))
                    .isInstanceOf(StoreLock.StoreBusyException.class)
                    .hasMessage("another backpack-batch job is writing to " + OTHER + " in " + store.db() + "; run this one when it has finished");
            assertThatThrownBy(() -> WriterLock.acquireEveryAccount(store.location())).as("forget, which may change every account")
                    .isInstanceOf(StoreLock.StoreBusyException.class);
            // all or none: the refused writer let go of the account it had taken before the busy one
            WriterLock.acquire(store.location(), false, () -> List.of(ACME)).close();
        }
        WriterLock.acquireEveryAccount(store.location()).close();
    }
}
