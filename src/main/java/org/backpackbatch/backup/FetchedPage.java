package org.backpackbatch.backup;

import java.util.List;
import org.backpackbatch.store.RecordVersion;

/**
 * What fetching one page came to: its records; or gone (it answered 404 after pages/all listed it);
 * or failed, with why. A failed fetch is handed on rather than thrown, so that the pages fetched
 * beside it in the same chunk are still stored.
 */
record FetchedPage(long pageId, Outcome outcome, List<RecordVersion> records, RuntimeException failure) {

    enum Outcome {
        FETCHED, VANISHED, FAILED
    }

    FetchedPage {
        records = List.copyOf(records);
    }

    static FetchedPage fetched(long pageId, List<RecordVersion> records) {
        return new FetchedPage(pageId, Outcome.FETCHED, records, null);
    }

    static FetchedPage vanished(long pageId) {
        return new FetchedPage(pageId, Outcome.VANISHED, List.of(), null);
    }

    static FetchedPage failed(long pageId, RuntimeException failure) {
        return new FetchedPage(pageId, Outcome.FAILED, List.of(), failure);
    }
}
