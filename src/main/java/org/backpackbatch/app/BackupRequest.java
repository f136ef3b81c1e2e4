package org.backpackbatch.app;

import org.backpackbatch.store.Include;
import org.backpackbatch.store.StoreLocation;

/** Take one snapshot of an account into a store (resuming its unfinished one). */
public record BackupRequest(StoreLocation store, AccountAccess account, Include include) {
}
