package org.backpackbatch.backup;

import java.util.List;
import org.backpackbatch.store.RecordVersion;
import org.backpackbatch.store.SnapshotStore;

/**
 * What fetching one unit of the worklist (a page, or one of the account's own resources) came to:
 * its records; or gone (a page that answered 404 after pages/all listed it); or failed, with why.
 * A failed fetch is handed on rather than thrown, so that the units fetched beside it in the same
 * chunk are still stored.
 */
record FetchedUnit(long unitId, Outcome outcome, SnapshotStore.UnitRecords fetched, RuntimeException failure) {

    enum Outcome {
        FETCHED, VANISHED, FAILED
    }

    static FetchedUnit fetched(long unitId, List<RecordVersion> records) {
        // hashed here, by the fetcher's thread
        return new FetchedUnit(unitId, Outcome.FETCHED, new SnapshotStore.UnitRecords(unitId, records), null);
    }

    static FetchedUnit vanished(long pageId) {
        return new FetchedUnit(pageId, Outcome.VANISHED, null, null);
    }

    static FetchedUnit failed(long unitId, RuntimeException failure) {
        return new FetchedUnit(unitId, Outcome.FAILED, null, failure);
    }
}
