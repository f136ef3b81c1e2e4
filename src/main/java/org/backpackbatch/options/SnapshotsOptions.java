package org.backpackbatch.options;

import org.backpackbatch.api.AccountUrl;
import org.backpackbatch.app.SnapshotsRequest;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options of a snapshots listing. */
public final class SnapshotsOptions {

    @Mixin
    StoreOption store;

    @Option(names = "--account", paramLabel = "URL", converter = Converters.Account.class, description = "Only the snapshots of this account.")
    AccountUrl account;

    public SnapshotsRequest request() {
        return new SnapshotsRequest(store.location(), account);
    }
}
