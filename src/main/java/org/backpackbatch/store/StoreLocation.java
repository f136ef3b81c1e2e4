package org.backpackbatch.store;

import java.nio.file.Path;

/**
 * Where a store is, as {@code --db} names it. Today an SQLite file, the embedded default; the
 * location is what every command passes around, so that another kind of store needs no change
 * above the store.
 */
public record StoreLocation(Path file) {

    /** The location {@code --db} gives; a blank value is refused. */
    public static StoreLocation parse(String text) {
        if (text == null || text.isBlank()) {
            throw new StoreProblem("no store given: name one with --db FILE");
        }
        return new StoreLocation(Path.of(text.strip()));
    }

    @Override
    public String toString() {
        return file.toString();
    }
}
