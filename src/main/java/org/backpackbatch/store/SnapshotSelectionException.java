package org.backpackbatch.store;

/** The snapshots asked for (or left to the default) do not fit the command: of two accounts, in the wrong order, or too few. */
public class SnapshotSelectionException extends RuntimeException {
    public SnapshotSelectionException(String message) {
        super(message);
    }
}
