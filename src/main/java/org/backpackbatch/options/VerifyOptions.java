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

    @Option(names = "--restore-test", description = "Also restore the snapshot (default: the latest complete one) into a private"
            + " emulator account, back that up and compare: proof that it restores, without touching a real account.")
    boolean restoreTest;

    public VerifyRequest request() {
        return new VerifyRequest(store.location(), snapshot, restoreTest);
    }
}
