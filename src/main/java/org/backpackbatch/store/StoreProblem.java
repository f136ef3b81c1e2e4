package org.backpackbatch.store;

/** The store file cannot be used as it is: not SQLite, read-only, missing, or from a newer version. */
public class StoreProblem extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreProblem(String message) {
        super(message);
    }
}
