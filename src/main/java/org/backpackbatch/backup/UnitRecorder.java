package org.backpackbatch.backup;

import java.util.ArrayList;
import java.util.List;
import org.backpackbatch.progress.WorklistProgress;
import org.backpackbatch.store.SnapshotStore;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * Stores a chunk of fetched units in the step's transaction: the store's one writer. A page that
 * is gone is stored as gone and counted; a failed fetch is kept as the run's failure, and the
 * other units of the chunk are stored all the same.
 */
final class UnitRecorder implements ItemWriter<FetchedUnit> {

    private final SnapshotStore store;
    private final long snapshotId;
    private final FirstFetchFailure failure;
    private final WorklistProgress progress;

    UnitRecorder(SnapshotStore store, long snapshotId, FirstFetchFailure failure, WorklistProgress progress) {
        this.store = store;
        this.snapshotId = snapshotId;
        this.failure = failure;
        this.progress = progress;
    }

    @Override
    public void write(Chunk<? extends FetchedUnit> units) {
        List<SnapshotStore.UnitRecords> fetched = new ArrayList<>();
        for (FetchedUnit unit : units) {
            switch (unit.outcome()) {
                case FETCHED -> fetched.add(unit.fetched());
                case VANISHED -> store.recordVanishedPage(snapshotId, unit.unitId());
                case FAILED -> failure.record(unit.failure());
            }
        }
        store.recordUnits(snapshotId, fetched);
        progress.advance(units.getItems().stream().filter(unit -> unit.outcome() != FetchedUnit.Outcome.FAILED).count());
    }
}
