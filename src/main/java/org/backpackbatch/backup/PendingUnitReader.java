package org.backpackbatch.backup;

import java.util.Iterator;
import org.backpackbatch.store.SnapshotStore;
import org.backpackbatch.store.SnapshotStore.PendingUnit;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * The units of the snapshot's worklist not stored yet (the account's own resources first, then
 * the pages), loaded once when the step opens: a resumed run starts with exactly the units the
 * interrupted one did not commit. After a failed fetch it hands out no more: the run is going to
 * fail, and the units left wait for the re-run.
 */
final class PendingUnitReader implements ItemStreamReader<PendingUnit> {

    private final SnapshotStore store;
    private final long snapshotId;
    private final FirstFetchFailure failure;
    private Iterator<PendingUnit> pending;

    PendingUnitReader(SnapshotStore store, long snapshotId, FirstFetchFailure failure) {
        this.store = store;
        this.snapshotId = snapshotId;
        this.failure = failure;
    }

    @Override
    public void open(ExecutionContext executionContext) {
        pending = store.pendingUnits(snapshotId).iterator();
    }

    @Override
    public synchronized PendingUnit read() {
        return !failure.happened() && pending.hasNext() ? pending.next() : null;
    }
}
