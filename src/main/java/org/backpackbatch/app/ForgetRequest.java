package org.backpackbatch.app;

import org.backpackbatch.store.RetentionPolicy;
import org.backpackbatch.store.StoreLocation;

/**
 * Drop the snapshots a policy does not keep, and the data only they held; a dry run changes nothing.
 * {@code account} limits it to one account's snapshots (a scheduled backup forgets for its own
 * account only); null means every account of the store.
 */
public record ForgetRequest(StoreLocation store, RetentionPolicy policy, boolean dryRun, String account) {

    public ForgetRequest(StoreLocation store, RetentionPolicy policy, boolean dryRun) {
        this(store, policy, dryRun, null);
    }
}
