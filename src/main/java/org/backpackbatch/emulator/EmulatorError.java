package org.backpackbatch.emulator;

/** An error answer of the emulated service: its Backpack error code doubles as the HTTP status. */
final class EmulatorError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int code;

    private EmulatorError(int code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    static EmulatorError notFound() {
        return new EmulatorError(404, "Record not found");
    }

    static EmulatorError badInput() {
        return new EmulatorError(500, "Internal error");
    }

    /** Another user's bookmarks, journal or status: the token's user may only read or write their own. */
    static EmulatorError forbidden() {
        return new EmulatorError(403, "Forbidden");
    }

    int code() {
        return code;
    }
}
