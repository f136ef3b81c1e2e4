package org.backpackbatch.app;

/** A usage or configuration error (exit 2): the message is the one line the user sees. */
public class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }

    public UsageException(String message, Throwable cause) {
        super(message, cause);
    }
}
