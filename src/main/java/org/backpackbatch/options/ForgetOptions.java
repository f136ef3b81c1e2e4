package org.backpackbatch.options;

import org.backpackbatch.app.ForgetRequest;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options of a forget, on the command line and in a forget job file. */
public final class ForgetOptions {

    @Mixin
    StoreOption store;

    @Mixin
    RetentionOptions retention;

    @Option(names = "--dry-run", description = "Print what would be removed, and change nothing.")
    boolean dryRun;

    public ForgetRequest request() {
        return new ForgetRequest(store.location(), retention.policy(), dryRun);
    }
}
