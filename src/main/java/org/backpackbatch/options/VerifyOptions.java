package org.backpackbatch.options;

import org.backpackbatch.app.VerifyRequest;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options of a verify. */
public final class VerifyOptions {

    @Mixin
    StoreOption store;

    @Option(names = "--snapshot", paramLabel = "ID", description = "Check only this snapshot (complete or not) besides the whole file.")
    Long snapshot;

    public VerifyRequest request() {
        return new VerifyRequest(store.location(), snapshot);
    }
}
