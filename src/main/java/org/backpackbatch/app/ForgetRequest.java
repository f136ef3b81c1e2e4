package org.backpackbatch.app;

import org.backpackbatch.store.RetentionPolicy;
import org.backpackbatch.store.StoreLocation;

/** Drop the snapshots a policy does not keep, and the data only they held; a dry run changes nothing. */
public record ForgetRequest(StoreLocation store, RetentionPolicy policy, boolean dryRun) {
}
