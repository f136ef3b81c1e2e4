package org.backpackbatch.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.backpackbatch.api.model.Item;
import org.backpackbatch.api.model.ItemList;
import org.backpackbatch.api.model.Page;
import org.backpackbatch.api.model.PageSummary;
import org.backpackbatch.api.model.Scope;
import org.backpackbatch.emulator.EmulatedAccount;
import org.backpackbatch.emulator.InMemoryAccount;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two snapshots compared by what a restore carries over: equal whatever the ids, timestamps,
 * scopes, files and emails; different for any title, note, list, item, separator, tag or order
 * that differs, and for a page that is there more or fewer times, each named in the differences.
 */
class SnapshotComparisonTest {

    private static final AtomicLong ACCOUNTS = new AtomicLong();

    private static Store store;

    @BeforeAll
    static void open(@TempDir Path dir) {
        store = Store.open(dir.resolve("store.db"), Store.Access.CREATE);
    }

    @AfterAll
    static void close() {
        store.close();
    }

    @Test
    void theSameContentUnderOtherIdsIsEqual() {
        EmulatedAccount left = demo();
        EmulatedAccount right = demo();

        SnapshotComparison.Result result = SnapshotComparison.compare(store.snapshots(), snapshotOf(left), snapshotOf(right));

        assertThat(result.equal()).isTrue();
        assertThat(result.pagesCompared()).isEqualTo(left.allPages().size());
        assertThat(result.differences()).isEmpty();
    }

    @Test
    void emailsAndScopeAreNotCompared() {
        EmulatedAccount left = demo();
        EmulatedAccount right = demo();
        long lisbon = pageId(right, "Lisbon & Sintra, May 2007");
        right.destroyEmail(lisbon, right.emails(lisbon).get(0).id());

        assertThat(SnapshotComparison.compare(store.snapshots(), snapshotOf(left, null), snapshotOf(right, Scope.FRIENDS)).equal()).isTrue();
    }

    @Test
    void aChangedNoteNamesItsPageOnBothSides() {
        EmulatedAccount left = demo();
        EmulatedAccount right = demo();
        long garden = pageId(right, "Garden");
        var note = right.page(garden).notes().get(0);
        right.updateNote(garden, note.id(), note.title(), note.body() + " And mint.");
        long leftSnapshot = snapshotOf(left);
        long rightSnapshot = snapshotOf(right);

        SnapshotComparison.Result result = SnapshotComparison.compare(store.snapshots(), leftSnapshot, rightSnapshot);

        assertThat(result.equal()).isFalse();
        assertThat(result.differences()).containsExactlyInAnyOrder(
                "page 'Garden': 1 in snapshot " + leftSnapshot + ", 0 in snapshot " + rightSnapshot,
                "page 'Garden': 0 in snapshot " + leftSnapshot + ", 1 in snapshot " + rightSnapshot);
    }

    @Test
    void anOrderOfItemsACompletedFlagATagOrASeparatorMakesADifference() {
        EmulatedAccount left = demo();
        long leftSnapshot = snapshotOf(left);

        EmulatedAccount reordered = demo();
        long groceries = pageId(reordered, "Groceries");
        ItemList list = reordered.page(groceries).lists().get(0);
        List<Long> backwards = new ArrayList<>(list.items().stream().map(Item::id).toList());
        Collections.reverse(backwards);
        reordered.reorderItems(groceries, list.id(), backwards);
        EmulatedAccount toggled = demo();
        ItemList toggledList = toggled.page(pageId(toggled, "Groceries")).lists().get(0);
        toggled.toggleItem(pageId(toggled, "Groceries"), toggledList.id(), toggledList.items().get(0).id());
        EmulatedAccount retagged = demo();
        retagged.tagPage(pageId(retagged, "Groceries"), "Food");
        EmulatedAccount renamedSeparator = demo();
        long kitchen = pageId(renamedSeparator, "Kitchen renovation");
        renamedSeparator.updateSeparator(kitchen, renamedSeparator.page(kitchen).separators().get(0).id(), "Builders");

        for (EmulatedAccount right : List.of(reordered, toggled, retagged, renamedSeparator)) {
            SnapshotComparison.Result result = SnapshotComparison.compare(store.snapshots(), leftSnapshot, snapshotOf(right));
            assertThat(result.equal()).isFalse();
            assertThat(result.differences()).hasSize(2);
        }
    }

    @Test
    void aPageTwiceIsNotAPageOnce() {
        EmulatedAccount left = demo();
        EmulatedAccount right = demo();
        right.duplicatePage(pageId(right, "Someday"));
        right.renamePage(right.allPages().get(right.allPages().size() - 1).id(), "Someday");
        long leftSnapshot = snapshotOf(left);
        long rightSnapshot = snapshotOf(right);

        SnapshotComparison.Result result = SnapshotComparison.compare(store.snapshots(), leftSnapshot, rightSnapshot);

        assertThat(result.equal()).isFalse();
        assertThat(result.differences()).containsExactly("page 'Someday': 1 in snapshot " + leftSnapshot + ", 2 in snapshot " + rightSnapshot);
    }

    @Test
    void atMostTenDifferencesAreNamed() {
        EmulatedAccount left = demo();
        EmulatedAccount right = demo();
        right.allPages().forEach(page -> right.renamePage(page.id(), page.title() + " (old)"));

        SnapshotComparison.Result result = SnapshotComparison.compare(store.snapshots(), snapshotOf(left), snapshotOf(right));

        assertThat(left.allPages()).hasSizeGreaterThan(5);
        assertThat(result.equal()).isFalse();
        assertThat(result.differences()).hasSize(10);
    }

    /** The demo account under ids of its own. */
    private static EmulatedAccount demo() {
        return InMemoryAccount.seeded("demo", "demo", ACCOUNTS.incrementAndGet() * 10_000_000L).data();
    }

    private static long snapshotOf(EmulatedAccount account) {
        return snapshotOf(account, null);
    }

    /**
     * A complete snapshot of the account as it is now, stored as a backup stores it, under an
     * account URL of its own; every page with {@code scope} when it is not null.
     */
    private static long snapshotOf(EmulatedAccount account, Scope scope) {
        SnapshotStore snapshots = store.snapshots();
        Snapshot snapshot = snapshots.begin("http://accounts.invalid/" + ACCOUNTS.incrementAndGet(), Include.ALL, Snapshot.Origin.BACKUP);
        List<PageSummary> pages = account.allPages();
        snapshots.recordWorklist(snapshot.id(), pages, Include.CORE);
        for (PageSummary summary : pages) {
            Page page = account.page(summary.id()).withScope(scope == null ? summary.scope() : scope);
            snapshots.recordUnit(snapshot.id(), page.id(), PageRecords.toRecords(page, account.emails(page.id())));
        }
        return snapshots.complete(snapshot.id(), 0).id();
    }

    private static long pageId(EmulatedAccount account, String title) {
        return account.allPages().stream().filter(page -> page.title().equals(title)).findFirst().orElseThrow().id();
    }
}
