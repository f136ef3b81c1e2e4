package org.backpackbatch.app;

import org.backpackbatch.store.StoreLocation;

/**
 * Check a store, and every complete snapshot or only {@code snapshot}; with {@code restoreTest},
 * also prove that the snapshot (the latest complete one when none is named) restores.
 */
public record VerifyRequest(StoreLocation store, Long snapshot, boolean restoreTest) {
}
