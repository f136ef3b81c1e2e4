package org.backpackbatch.app;

import java.util.List;
import org.backpackbatch.store.StoreLocation;

/**
 * Replay a snapshot ({@code snapshot} null: the latest complete one of the target, or of the store's
 * only account) into the target account; only {@code pages} when not empty.
 */
public record RestoreRequest(StoreLocation store, AccountAccess target, Long snapshot, List<Long> pages, boolean includeFriends,
        boolean emailsAsNotes, boolean dryRun) {

    public RestoreRequest {
        pages = List.copyOf(pages);
    }
}
