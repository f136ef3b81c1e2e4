package org.backpackbatch.backup;

import java.util.List;
import org.backpackbatch.store.RecordVersion;

/**
 * What fetching one unit of the worklist (a page, or one of the account's own resources) came to:
 * its records; or gone (a page that answered 404 after pages/all listed it); or failed, with why.
 * A failed fetch is handed on rather than thrown, so that the units fetched beside it in the same
 * chunk are still stored.
 */
record FetchedUnit(long unitId, Outcome outcome, List<RecordVersion> records, RuntimeException failure) {

    enum Outcome {
        FETCHED, VANISHED, FAILED
    }

    FetchedUnit {
        records = List.copyOf(records);
    }

    static FetchedUnit fetched(long unitId, List<RecordVersion> records) {
        return new FetchedUnit(unitId, Outcome.FETCHED, records, null);
    }

    static FetchedUnit vanished(long pageId) {
        return new FetchedUnit(pageId, Outcome.VANISHED, List.of(), null);
    }

    static FetchedUnit failed(long unitId, RuntimeException failure) {
        return new FetchedUnit(unitId, Outcome.FAILED, List.of(), failure);
    }
}
