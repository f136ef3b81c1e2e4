package org.backpackbatch.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Two writers of one SQLite store, as two daemons sharing a job have: one backs an account up while
 * the other takes its lease on the run. A transaction of the store holds it from its start, so a
 * write beside it waits for it rather than invalidating what it read (SQLITE_BUSY_SNAPSHOT, which
 * no busy timeout retries), and a write waits as long as the store's URL says.
 */
class StoreWritersTest {

    private static final String ACCOUNT = "http://127.0.0.1:8080/acme";

    @TempDir
    Path dir;

    @Test
    void aSnapshotBegunAfterAReadIsNotBrokenByAnotherWriterCommittingBetween() throws Exception {
        Path file = dir.resolve("store.db");
        try (Store store = Store.open(file, Store.Access.CREATE);
             Connection otherDaemon = DriverManager.getConnection(StoreFile.jdbcUrl(file));
             Statement lease = otherDaemon.createStatement()) {
            // the other daemon tries its write once, between the read and the write of the transaction, and does not wait
            lease.execute("PRAGMA busy_timeout = 0");
            SnapshotStore snapshots = store.snapshots();
            boolean[] leaseTakenBetween = new boolean[1];

            Snapshot begun = store.transactions().execute(status -> {
                assertThat(snapshots.unfinished(ACCOUNT)).isEmpty();
                leaseTakenBetween[0] = takeLease(lease);
                return snapshots.begin(ACCOUNT, Include.CORE, Snapshot.Origin.BACKUP);
            });

            assertThat(begun.account()).isEqualTo(ACCOUNT);
            assertThat(leaseTakenBetween[0]).as("the other writer had to wait for the transaction").isFalse();
            assertThat(takeLease(lease)).as("and writes once it has committed").isTrue();
            assertThat(snapshots.unfinished(ACCOUNT)).contains(begun);
        }
    }

    @Test
    void everyConnectionOfAStoreWaitsForAnotherWriterAsLongAsItsUrlSays() {
        Path file = dir.resolve("store.db");
        try (Store writer = Store.open(file, Store.Access.CREATE)) {
            assertThat(writer.jdbc().queryForObject("PRAGMA busy_timeout", Integer.class)).isEqualTo(60_000);
        }
        try (Store reader = Store.open(file, Store.Access.READ)) {
            assertThat(reader.jdbc().queryForObject("PRAGMA busy_timeout", Integer.class)).isEqualTo(60_000);
        }
    }

    /** Writes a lease row as a daemon does; false when the store is busy with another writer. */
    private static boolean takeLease(Statement lease) {
        try {
            return lease.executeUpdate("INSERT INTO schedule_jobs (name) VALUES ('nightly') ON CONFLICT DO NOTHING") == 1;
        } catch (SQLException e) {
            assertThat(e instanceof SQLiteException sqlite ? sqlite.getResultCode() : null).as(e.getMessage())
                    .isEqualTo(SQLiteErrorCode.SQLITE_BUSY);
            return false;
        }
    }

    @Test
    void aStoresConnectionsKeepTheLoginTimeoutTheirPoolWaitsWithWhenItCloses() throws Exception {
        // the pool waits that long for a connection it is still adding when it closes; with 0 it warned on a slow machine
        DataSource source = StoreFile.dataSource(dir.resolve("store.db"), true);
        source.setLoginTimeout(30);
        assertThat(source.getLoginTimeout()).isEqualTo(30);
    }
}
