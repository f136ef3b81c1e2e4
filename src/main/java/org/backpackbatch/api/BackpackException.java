package org.backpackbatch.api;

/**
 * A failure talking to a Backpack account, of one {@link Kind}. Messages name the account and
 * what to do next, and are scrubbed of tokens.
 */
public class BackpackException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What went wrong, as far as a caller needs to decide what to do. */
    public enum Kind {
        /** 401 or 403: the server refused the token. */
        AUTHENTICATION,
        /** Backpack's 404 error: the record does not exist. Never retried. */
        NOT_FOUND,
        /** A Backpack error answer other than 404 (500 "Internal error" for bad input). Never retried. */
        REFUSED,
        /** Transient failures went on past the retry budget; the same command can be re-run later. */
        UNAVAILABLE,
        /** A change was sent but its answer was lost: it may or may not have been applied. */
        UNCERTAIN,
        /** A redirect to anywhere but the same host's other scheme. */
        REDIRECT_REFUSED,
        /** The answer was not the Backpack XML expected (malformed, hostile, too large). */
        INVALID_ANSWER,
        /** The server asked to wait longer than the client accepts. */
        RATE_LIMITED
    }

    private final Kind kind;

    public BackpackException(Kind kind, String message) {
        this(kind, message, null);
    }

    public BackpackException(Kind kind, String message, Throwable cause) {
        super(Secrets.scrub(message), cause);
        this.kind = kind;
    }

    /** What a Backpack error answer means, {@code where} naming the request: 404 a missing record, 401 and 403 a refused token. */
    public static BackpackException answered(String where, BackpackErrorException error) {
        Kind kind = switch (error.code()) {
            case 404 -> Kind.NOT_FOUND;
            case 401, 403 -> Kind.AUTHENTICATION;
            default -> Kind.REFUSED;
        };
        return new BackpackException(kind, where + " answered error " + error.code() + " (" + error.errorMessage() + ")", error);
    }

    public Kind kind() {
        return kind;
    }
}
