package org.backpackbatch.app;

import org.backpackbatch.api.BackpackException;
import org.backpackbatch.batch.RunInterrupted;
import org.backpackbatch.export.BrokenArchiveException;
import org.backpackbatch.store.IntegrityFailure;
import org.backpackbatch.store.NoSuchSnapshotException;
import org.backpackbatch.store.OutputFile;
import org.backpackbatch.store.SnapshotSelectionException;
import org.backpackbatch.store.StoreProblem;

/** The exit codes of cli.md, the same for every command and for a scheduled run. */
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

    /**
     * The one table from a failure to its exit code: what a person must fix is a usage error, a
     * damaged store an integrity failure wherever it is met, the server's refusal of the token 3,
     * and anything else a run-time failure that the same command can resume.
     */
    public static ExitCode of(Throwable failure) {
        if (failure instanceof RunInterrupted) {
            return INTERRUPTED;
        }
        if (failure instanceof UsageException || failure instanceof StoreProblem || failure instanceof NoSuchSnapshotException
                || failure instanceof SnapshotSelectionException || failure instanceof BrokenArchiveException
                || failure instanceof OutputFile.Refused) {
            return USAGE;
        }
        // SQLite finding the file damaged, in whatever command, is an integrity failure, not a run-time one
        if (failure instanceof IntegrityFailure || IntegrityFailure.corruptionIn(failure).isPresent()) {
            return INTEGRITY;
        }
        if (failure instanceof BackpackException backpack) {
            return switch (backpack.kind()) {
                case AUTHENTICATION -> AUTHENTICATION;
                case REDIRECT_REFUSED -> USAGE;
                default -> RUN_FAILED;
            };
        }
        return RUN_FAILED;
    }
}
