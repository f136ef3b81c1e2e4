package org.backpackbatch.app;

import java.nio.file.Path;
import java.util.Locale;
import org.backpackbatch.store.StoreLocation;

/** Write one snapshot ({@code snapshot} null: the latest complete one of the store's only account) to a file. */
public record ExportRequest(StoreLocation store, Long snapshot, Format format, Path out, boolean force) {

    /** What an export writes. */
    public enum Format {
        /** A standalone SQLite file to query. */
        SQLITE,
        /** An XML archive that import reads back ({@code .gz} on the name: gzip). */
        XML;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The same export to another file (a scheduled export's dated name). */
    public ExportRequest withOut(Path newOut) {
        return new ExportRequest(store, snapshot, format, newOut, force);
    }
}
