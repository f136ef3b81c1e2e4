package org.backpackbatch.notify;

/**
 * A notification setting that cannot be used (exit 2): the message is one line that starts with the
 * field, e.g. {@code notify.on-failure[1]: 'ftp://x' is not an http:// or https:// URL}.
 */
public final class InvalidNotifyException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    InvalidNotifyException(String field, String problem) {
        super(field + ": " + problem);
    }
}
