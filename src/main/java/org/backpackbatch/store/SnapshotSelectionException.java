package org.backpackbatch.store;

/** The snapshots asked for (or left to the default) do not fit the command: of two accounts, in the wrong order, or too few. */
public class SnapshotSelectionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SnapshotSelectionException(String message) {
        super(message);
    }
}
