package org.backpackbatch.store;

import java.nio.file.Path;
import java.util.Optional;
import org.sqlite.SQLiteException;

/**
 * The store is damaged (exit 4): SQLite itself finds the file corrupt, or a stored record does
 * not match its hash, or a snapshot is not whole. The message says what and where.
 */
public class IntegrityFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** SQLite's primary result codes that mean the file is damaged, not merely unusable. */
    private static final int SQLITE_CORRUPT = 11;
    private static final int SQLITE_NOTADB = 26;

    public IntegrityFailure(String message) {
        super(message);
    }

    public IntegrityFailure(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * The SQLite error behind {@code failure} that says the file is damaged (SQLITE_CORRUPT, or
     * SQLITE_NOTADB for a file whose header passed as SQLite), if there is one in its causes.
     */
    public static Optional<SQLiteException> corruptionIn(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLiteException sqlite) {
                int primary = sqlite.getResultCode().code & 0xff;
                if (primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB) {
                    return Optional.of(sqlite);
                }
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return Optional.empty();
    }

    /** What SQLite said, without the JDBC wrapping: e.g. "database disk image is malformed". */
    static String sqliteSays(SQLiteException corruption) {
        String message = corruption.getMessage();
        int open = message.lastIndexOf('(');
        return open >= 0 && message.endsWith(")") ? message.substring(open + 1, message.length() - 1) : message;
    }

    /** The failure as an integrity failure of the store {@code file} (null: not known) when SQLite found it damaged; else empty. */
    public static Optional<IntegrityFailure> damaged(Path file, Throwable failure) {
        return corruptionIn(failure).map(corruption -> new IntegrityFailure("the store" + (file == null ? "" : " " + file)
                + " is damaged: SQLite says '" + sqliteSays(corruption) + "'; use an intact copy of it", failure));
    }
}
