package org.backpackbatch.store;

/**
 * The store's database server cannot be reached now (down, restarting, out of connections): a
 * run-time failure (exit 1), which the same command overcomes once the server answers again.
 */
public class StoreUnavailable extends RuntimeException {
    public StoreUnavailable(String message) {
        super(message);
    }
}
