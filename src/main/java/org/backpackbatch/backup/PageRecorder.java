package org.backpackbatch.backup;

import org.backpackbatch.store.SnapshotStore;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/** Stores a chunk of fetched pages in the step's transaction: the store's one writer. */
final class PageRecorder implements ItemWriter<FetchedPage> {

    private final SnapshotStore store;
    private final long snapshotId;

    PageRecorder(SnapshotStore store, long snapshotId) {
        this.store = store;
        this.snapshotId = snapshotId;
    }

    @Override
    public void write(Chunk<? extends FetchedPage> pages) {
        for (FetchedPage page : pages) {
            store.recordPage(snapshotId, page.pageId(), page.records());
        }
    }
}
