package org.backpackbatch.store;

/** One record that differs between two snapshots, with its version in the newer one (or the older one when removed). */
public record Difference(Change change, RecordVersion version) {

    public enum Change {
        ADDED, CHANGED, REMOVED
    }
}
