package org.backpackbatch.cli;

/** The exit codes of cli.md, the same for every command. */
public enum ExitCode {
    SUCCESS(0),
    RUN_FAILED(1),
    USAGE(2),
    AUTHENTICATION(3),
    INTEGRITY(4),
    /** A run stopped on request (a daemon's stop); a process given a signal exits with the JVM's 128 + signal: 130, 143. */
    INTERRUPTED(143);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
