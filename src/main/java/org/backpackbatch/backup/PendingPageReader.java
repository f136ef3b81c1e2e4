package org.backpackbatch.backup;

import java.util.Iterator;
import org.backpackbatch.store.SnapshotStore;
import org.backpackbatch.store.SnapshotStore.PendingPage;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * The pages of the snapshot's worklist not stored yet, loaded once when the step opens: a
 * resumed run starts with exactly the pages the interrupted one did not commit. After a failed
 * fetch it hands out no more: the run is going to fail, and the pages left wait for the re-run.
 */
final class PendingPageReader implements ItemStreamReader<PendingPage> {

    private final SnapshotStore store;
    private final long snapshotId;
    private final FirstFetchFailure failure;
    private Iterator<PendingPage> pending;

    PendingPageReader(SnapshotStore store, long snapshotId, FirstFetchFailure failure) {
        this.store = store;
        this.snapshotId = snapshotId;
        this.failure = failure;
    }

    @Override
    public void open(ExecutionContext executionContext) {
        pending = store.pendingPages(snapshotId).iterator();
    }

    @Override
    public synchronized PendingPage read() {
        return !failure.happened() && pending.hasNext() ? pending.next() : null;
    }
}
