package org.backpackbatch.backup;

import java.util.List;
import org.backpackbatch.api.BackpackClient;
import org.backpackbatch.api.BackpackException;
import org.backpackbatch.api.model.Email;
import org.backpackbatch.api.model.Page;
import org.backpackbatch.api.model.Scope;
import org.backpackbatch.store.Include;
import org.backpackbatch.store.PageRecords;
import org.backpackbatch.store.SnapshotStore.PendingPage;
import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * Fetches one page (and its emails with {@code --include all}). Runs on several threads at once,
 * all sharing the client and so the account's throttle. Never throws: a page that is gone or a
 * fetch that failed is what it returns.
 */
final class PageFetcher implements ItemProcessor<PendingPage, FetchedPage> {

    private final BackpackClient client;
    private final Include include;

    PageFetcher(BackpackClient client, Include include) {
        this.client = client;
        this.include = include;
    }

    @Override
    public FetchedPage process(PendingPage pending) {
        try {
            Page page = client.page(pending.pageId()).withScope(Scope.fromXml(pending.scope()));
            List<Email> emails = include == Include.ALL ? client.emails(pending.pageId()) : List.of();
            return FetchedPage.fetched(pending.pageId(), PageRecords.toRecords(page, emails));
        } catch (RuntimeException e) {
            if (e instanceof BackpackException backpack && backpack.kind() == BackpackException.Kind.NOT_FOUND) {
                // destroyed between pages/all and now: the snapshot no longer has it
                return FetchedPage.vanished(pending.pageId());
            }
            return FetchedPage.failed(pending.pageId(), e);
        }
    }
}
