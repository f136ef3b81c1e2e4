package org.backpackbatch.app;

import org.backpackbatch.api.AccountUrl;
import org.backpackbatch.store.StoreLocation;

/** List a store's snapshots, of one account when {@code account} is given. */
public record SnapshotsRequest(StoreLocation store, AccountUrl account) {
}
