package org.backpackbatch.options;

import org.backpackbatch.store.StoreLocation;
import picocli.CommandLine.Option;

/** {@code --db}: the snapshot store every command but the emulator works on. */
public final class StoreOption {

    @Option(names = "--db", required = true, paramLabel = "FILE", converter = Converters.Store.class, defaultValue = "${env:BACKPACK_DB}",
            description = "The snapshot store, an SQLite file (backup and import create it when missing); default $BACKPACK_DB.")
    StoreLocation store;

    public StoreLocation location() {
        return store;
    }
}
