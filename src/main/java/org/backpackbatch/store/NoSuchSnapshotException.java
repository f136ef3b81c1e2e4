package org.backpackbatch.store;

/** A snapshot id the store does not have. */
public class NoSuchSnapshotException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public NoSuchSnapshotException(long id) {
        super("no snapshot " + id + " in this store; 'snapshots' lists them");
    }
}
