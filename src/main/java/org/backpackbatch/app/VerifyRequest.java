package org.backpackbatch.app;

import org.backpackbatch.store.StoreLocation;

/** Check a store, and every complete snapshot or only {@code snapshot}. */
public record VerifyRequest(StoreLocation store, Long snapshot) {
}
