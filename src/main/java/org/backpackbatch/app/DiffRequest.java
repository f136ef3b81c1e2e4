package org.backpackbatch.app;

import org.backpackbatch.store.StoreLocation;

/**
 * Compare two snapshots of one account: {@code from} null is the store's latest complete snapshot
 * against the one before it; {@code to} null is {@code from} against the latest complete one.
 */
public record DiffRequest(StoreLocation store, Long from, Long to) {
}
