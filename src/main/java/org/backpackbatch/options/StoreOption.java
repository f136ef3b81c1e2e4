package org.backpackbatch.options;

import java.nio.file.Path;
import org.backpackbatch.store.StoreLocation;
import picocli.CommandLine.Option;

/** {@code --db}: the snapshot store every command but the emulator works on, and where a PostgreSQL store's password comes from. */
public final class StoreOption {

    @Option(names = "--db", required = true, paramLabel = "FILE|URL", converter = Converters.Store.class, defaultValue = "${env:BACKPACK_DB}",
            description = "The snapshot store: an SQLite file (backup and import create it when missing) or a PostgreSQL database,"
                    + " jdbc:postgresql://HOST:PORT/DATABASE?user=NAME (never with its password); default $BACKPACK_DB.")
    StoreLocation store;

    @Option(names = "--db-password-file", paramLabel = "FILE",
            description = "File whose first line is the PostgreSQL store's password (else $BACKPACK_DB_PASSWORD).")
    Path passwordFile;

    public StoreLocation location() {
        return passwordFile == null ? store : store.withPasswordFile(passwordFile);
    }
}
