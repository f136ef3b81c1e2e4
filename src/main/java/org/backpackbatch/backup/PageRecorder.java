package org.backpackbatch.backup;

import org.backpackbatch.progress.WorklistProgress;
import org.backpackbatch.store.SnapshotStore;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * Stores a chunk of fetched pages in the step's transaction: the store's one writer. A page that
 * is gone is stored as gone and counted; a failed fetch is kept as the run's failure, and the
 * other pages of the chunk are stored all the same.
 */
final class PageRecorder implements ItemWriter<FetchedPage> {

    private final SnapshotStore store;
    private final long snapshotId;
    private final FirstFetchFailure failure;
    private final WorklistProgress progress;

    PageRecorder(SnapshotStore store, long snapshotId, FirstFetchFailure failure, WorklistProgress progress) {
        this.store = store;
        this.snapshotId = snapshotId;
        this.failure = failure;
        this.progress = progress;
    }

    @Override
    public void write(Chunk<? extends FetchedPage> pages) {
        for (FetchedPage page : pages) {
            switch (page.outcome()) {
                case FETCHED -> store.recordPage(snapshotId, page.pageId(), page.records());
                case VANISHED -> store.recordVanishedPage(snapshotId, page.pageId());
                case FAILED -> failure.record(page.failure());
            }
        }
        progress.advance(pages.getItems().stream().filter(page -> page.outcome() != FetchedPage.Outcome.FAILED).count());
    }
}
