package org.backpackbatch.options;

import org.backpackbatch.app.DiffRequest;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** The options of a diff. */
public final class DiffOptions {

    @Mixin
    StoreOption store;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FROM", description = "The older snapshot's id, as 'snapshots' lists it.")
    Long from;

    @Parameters(index = "1", arity = "0..1", paramLabel = "TO", description = "The newer snapshot's id.")
    Long to;

    public DiffRequest request() {
        return new DiffRequest(store.location(), from, to);
    }
}
