package org.backpackbatch.backup;

import java.util.List;
import org.backpackbatch.store.RecordVersion;

/** A page as fetched for a snapshot, as records; no records means the page is gone from the account. */
record FetchedPage(long pageId, List<RecordVersion> records) {
}
