package org.backpackbatch.api;

/**
 * A failure answer from Backpack, {@code <response success='false'><error code='N'>message</error></response>}:
 * 404 for a missing record, 500 for bad input, 401 for a refused token. The message is the server's
 * text, verbatim. Thrown by {@link org.backpackbatch.api.xml.BackpackXmlReader} for any answer that
 * reports failure; it lives here, not in the XML package, because callers of the client handle it.
 */
public class BackpackErrorException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int code;
    private final String errorMessage;

    public BackpackErrorException(int code, String errorMessage) {
        super("Backpack answered error " + code + ": " + errorMessage);
        this.code = code;
        this.errorMessage = errorMessage;
    }

    public int code() {
        return code;
    }

    /** The server's message as sent, e.g. {@code Record not found}. */
    public String errorMessage() {
        return errorMessage;
    }
}
