package org.backpackbatch.app;

import java.nio.file.Path;
import org.backpackbatch.store.StoreLocation;

/** Read an XML archive into a store (created when missing) as a new snapshot. */
public record ImportRequest(StoreLocation store, Path archive) {
}
