package org.backpackbatch.store;

/** A snapshot id the store does not have. */
public class NoSuchSnapshotException extends RuntimeException {
    public NoSuchSnapshotException(long id) {
        super("no snapshot " + id + " in this store; 'snapshots' lists them");
    }
}
