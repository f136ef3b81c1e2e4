package org.backpackbatch.restore;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.backpackbatch.api.BackpackClient;
import org.backpackbatch.backup.TestBackups;
import org.backpackbatch.emulator.InMemoryAccount;
import org.backpackbatch.store.Include;
import org.backpackbatch.store.PageRecords.StoredPage;
import org.backpackbatch.store.Store;

/**
 * What a restore starts from, without HTTP: the demo account in memory, backed up once by the real
 * backup job into a real store in {@code dir}, and empty in-memory accounts to restore into, a
 * new one for each test so that tests can share the store (the id map is kept per target account).
 */
final class InMemoryRestore implements AutoCloseable {

    private static final AtomicInteger TARGETS = new AtomicInteger();

    final InMemoryAccount source = InMemoryAccount.seeded("source", "demo", 100_000_000L);
    final Store store;
    final long snapshotId;
    final RestoreLedger ledger;

    InMemoryRestore(Path dir) {
        store = Store.open(dir.resolve("store.db"), Store.Access.CREATE);
        snapshotId = TestBackups.run(store, source.client(), Include.ALL, 1).snapshot().id();
        ledger = new RestoreLedger(store);
    }

    /** An empty account of its own. */
    static InMemoryAccount newTarget() {
        int n = TARGETS.incrementAndGet();
        return InMemoryAccount.seeded("target-" + n, "empty", 200_000_000L + n * 1_000_000L);
    }

    /** The snapshot's page of that title, as a restore reads it. */
    StoredPage page(String title) {
        return pages().values().stream().filter(stored -> stored.page().title().equals(title)).findFirst()
                .orElseThrow(() -> new AssertionError("the snapshot has no page titled " + title));
    }

    Map<Long, StoredPage> pages() {
        Map<Long, StoredPage> pages = new LinkedHashMap<>();
        store.snapshots().pages(snapshotId, stored -> pages.put(stored.page().id(), stored));
        return pages;
    }

    /** The store's id of an account, as the id map keys it. */
    long accountId(InMemoryAccount account) {
        return store.snapshots().accountId(account.account().toString());
    }

    /** A new restore run of the snapshot into {@code into}. */
    RestoreLedger.Run begin(InMemoryAccount into) {
        return ledger.begin(snapshotId, accountId(into), into == source);
    }

    /** Replays one page of the snapshot into {@code into} as a restore's worker does. */
    RestoreTally replay(RestoreLedger.Run run, InMemoryAccount into, StoredPage page, boolean emailsAsNotes) {
        RestoreTally sent = new RestoreTally();
        try (BackpackClient client = into.client()) {
            new PageRestorer(client, ledger, run, emailsAsNotes, sent, page).restore();
        }
        return sent;
    }

    @Override
    public void close() {
        store.close();
    }
}
