package org.backpackbatch.app;

import java.nio.file.Path;
import org.backpackbatch.store.StoreLocation;

/** Write one self-contained HTML page of a store's history to {@code out}. */
public record ReportRequest(StoreLocation store, Path out, boolean force) {
}
