package org.backpackbatch.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.backpackbatch.api.model.PageSummary;
import org.backpackbatch.api.model.Scope;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How a fetched page becomes versions ({@link SnapshotStore#recordPage}): a new record gets a
 * version, an unchanged one keeps its version, a changed one ends its old range at the parent
 * and gets a new version, a vanished one ends its range; a damaged current version is replaced by
 * the fresh copy, a record listed twice is taken once, and a page fetched again within the same
 * snapshot replaces what that snapshot wrote. Each test works on an account of its own in one store.
 */
class SnapshotStoreTest {

    private static final long PAGE = 1000;
    private static final AtomicInteger ACCOUNTS = new AtomicInteger();

    private static Store store;
    private static SnapshotStore snapshots;
    private final String account = "http://accounts.invalid/" + ACCOUNTS.incrementAndGet();

    /** One row of {@code versions}: its range and content. */
    record Version(long recordId, long firstSnapshot, Long lastSnapshot, String body) {
    }

    @BeforeAll
    static void open(@TempDir Path dir) {
        store = Store.open(dir.resolve("store.db"), Store.Access.CREATE);
        snapshots = store.snapshots();
    }

    @AfterAll
    static void close() {
        store.close();
    }

    @Test
    void aFirstSnapshotStoresEveryRecordOnce() {
        long first = snapshotOf(List.of(page("Trip"), note(1, "Hotel", "two nights"), note(2, "Train", "9:40")));

        assertThat(versions()).containsExactly(
                new Version(PAGE, first, null, null), new Version(1, first, null, "two nights"), new Version(2, first, null, "9:40"));
        assertThat(snapshots.snapshot(first).changes()).isEqualTo(new Snapshot.Changes(3, 0, 0));
    }

    @Test
    void newChangedUnchangedAndVanishedRecords() {
        long first = snapshotOf(List.of(page("Trip"), note(1, "Hotel", "two nights"), note(2, "Train", "9:40"), note(3, "Bags", "one")));
        long second = snapshotOf(List.of(page("Trip"), note(1, "Hotel", "three nights"), note(2, "Train", "9:40"), note(4, "Maps", "old")));

        assertThat(versions()).containsExactly(
                new Version(PAGE, first, null, null),
                new Version(1, first, first, "two nights"),
                new Version(2, first, null, "9:40"),
                new Version(3, first, first, "one"),
                new Version(1, second, null, "three nights"),
                new Version(4, second, null, "old"));
        assertThat(snapshots.snapshot(second).changes()).isEqualTo(new Snapshot.Changes(1, 1, 1));
        assertThat(bodies(first)).containsExactly("two nights", "9:40", "one");
        assertThat(bodies(second)).containsExactly("three nights", "9:40", "old");
    }

    @Test
    void anUnchangedPageAddsNoVersion() {
        List<RecordVersion> records = List.of(page("Trip"), note(1, "Hotel", "two nights"));
        long first = snapshotOf(records);
        long second = snapshotOf(records);

        assertThat(versions()).containsExactly(new Version(PAGE, first, null, null), new Version(1, first, null, "two nights"));
        assertThat(snapshots.snapshot(second).changes()).isEqualTo(new Snapshot.Changes(0, 0, 0));
        assertThat(snapshots.recordCount(second)).isEqualTo(2);
    }

    @Test
    void aPageThatIsGoneEndsEveryRecordOfIt() {
        long first = snapshotOf(List.of(page("Trip"), note(1, "Hotel", "two nights")));
        long second = snapshotOf(List.of());

        assertThat(versions()).containsExactly(new Version(PAGE, first, first, null), new Version(1, first, first, "two nights"));
        assertThat(snapshots.snapshot(second).changes()).isEqualTo(new Snapshot.Changes(0, 0, 2));
        assertThat(snapshots.recordCount(second)).isZero();
    }

    @Test
    void aDamagedCurrentVersionIsReplacedByTheFreshCopy() {
        List<RecordVersion> records = List.of(page("Trip"), note(1, "Hotel", "two nights"));
        long first = snapshotOf(records);
        store.jdbc().update("UPDATE versions SET body = 'bit rot' WHERE account_id = ? AND kind = 'note'", accountId());

        long second = snapshotOf(records);

        assertThat(versions()).containsExactly(
                new Version(PAGE, first, null, null), new Version(1, first, first, "bit rot"), new Version(1, second, null, "two nights"));
        assertThat(bodies(second)).containsExactly("two nights");
    }

    @Test
    void aRecordListedTwiceIsTakenOnceAsFirstListed() {
        long first = snapshotOf(List.of(page("Trip"), note(1, "Hotel", "two nights"), note(1, "Hotel", "listed again")));

        assertThat(versions()).containsExactly(new Version(PAGE, first, null, null), new Version(1, first, null, "two nights"));

        long second = snapshotOf(List.of(page("Trip"), note(1, "Hotel", "two nights"), note(1, "Hotel", "listed again")));
        assertThat(snapshots.snapshot(second).changes()).isEqualTo(new Snapshot.Changes(0, 0, 0));
    }

    @Test
    void aPageFetchedAgainInTheSameSnapshotReplacesWhatThatSnapshotWrote() {
        long first = snapshotOf(List.of(page("Trip"), note(1, "Hotel", "two nights")));
        Snapshot second = begin();
        snapshots.recordUnit(second.id(), PAGE, List.of(page("Trip"), note(1, "Hotel", "three nights")));
        // a resumed backup fetches the page again, and it changed in between
        snapshots.recordUnit(second.id(), PAGE, List.of(page("Trip"), note(1, "Hotel", "four nights")));
        snapshots.complete(second.id(), 0);

        assertThat(versions()).containsExactly(
                new Version(PAGE, first, null, null), new Version(1, first, first, "two nights"), new Version(1, second.id(), null, "four nights"));
        assertThat(snapshots.snapshot(second.id()).changes()).isEqualTo(new Snapshot.Changes(0, 1, 0));
    }

    @Test
    void pagesComeWholeInIdOrderToASinkOnAThreadOfItsOwnWhoseFailureEndsTheRead() {
        Snapshot snapshot = snapshots.begin(account, Include.ALL, Snapshot.Origin.BACKUP);
        List<PageSummary> listed = new ArrayList<>();
        for (long id = 1; id <= 40; id++) {
            listed.add(new PageSummary(id, "Page " + id, Scope.PERSONAL));
        }
        snapshots.recordWorklist(snapshot.id(), listed, Include.CORE);
        for (long id = 40; id >= 1; id--) {
            snapshots.recordUnit(snapshot.id(), id, List.of(
                    new RecordVersion(RecordKind.PAGE, id, id, null, null, "personal", "Page " + id, null, null, null),
                    new RecordVersion(RecordKind.NOTE, 1000 + id, id, null, 1, null, "Note", "of page " + id, "2008-01-01 10:00:00", null)));
        }
        long id = snapshots.complete(snapshot.id(), 0).id();

        List<String> read = new ArrayList<>();
        List<Thread> sinkThreads = new ArrayList<>();
        snapshots.pages(id, stored -> {
            read.add(stored.page().title() + ": " + stored.page().notes().get(0).body());
            sinkThreads.add(Thread.currentThread());
        });
        assertThat(read).hasSize(40).startsWith("Page 1: of page 1", "Page 2: of page 2").endsWith("Page 40: of page 40");
        assertThat(sinkThreads).doesNotContain(Thread.currentThread());

        IllegalStateException full = new IllegalStateException("no space left on device");
        AtomicInteger taken = new AtomicInteger();
        List<Thread> failingSinkThread = new ArrayList<>();
        assertThatThrownBy(() -> snapshots.pages(id, stored -> {
            failingSinkThread.add(Thread.currentThread());
            if (taken.incrementAndGet() == 3) {
                throw full;
            }
        })).isSameAs(full);
        assertThat(taken.get()).as("no page is taken after the failure").isEqualTo(3);
        assertThat(failingSinkThread.get(0).isAlive()).as("the sink's thread has ended").isFalse();
    }

    private Snapshot begin() {
        Snapshot snapshot = snapshots.begin(account, Include.ALL, Snapshot.Origin.BACKUP);
        snapshots.recordWorklist(snapshot.id(), List.of(new PageSummary(PAGE, "Trip", Scope.PERSONAL)), Include.CORE);
        return snapshot;
    }

    /** A complete snapshot whose one page held {@code records} (none: the page answered 404). */
    private long snapshotOf(List<RecordVersion> records) {
        Snapshot snapshot = begin();
        snapshots.recordUnit(snapshot.id(), PAGE, records);
        return snapshots.complete(snapshot.id(), 0).id();
    }

    private long accountId() {
        return snapshots.accountId(account);
    }

    private List<Version> versions() {
        return store.jdbc().query("SELECT record_id, first_snapshot, last_snapshot, body FROM versions WHERE account_id = ? ORDER BY id",
                (rs, row) -> new Version(rs.getLong(1), rs.getLong(2), rs.getObject(3) == null ? null : rs.getLong(3), rs.getString(4)),
                accountId());
    }

    /** The note bodies a snapshot holds, as restore and export read them. */
    private static List<String> bodies(long snapshotId) {
        List<String> bodies = new ArrayList<>();
        snapshots.records(snapshotId, record -> {
            if (record.kind() == RecordKind.NOTE) {
                bodies.add(record.body());
            }
        });
        return bodies;
    }

    private static RecordVersion page(String title) {
        return new RecordVersion(RecordKind.PAGE, PAGE, PAGE, null, null, "personal", title, null, null, null);
    }

    private static RecordVersion note(long id, String title, String body) {
        return new RecordVersion(RecordKind.NOTE, id, PAGE, null, (int) id, null, title, body, "2008-01-01 10:00:00", null);
    }
}
