package org.backpackbatch.store;

import java.sql.SQLException;
import java.util.Optional;

/** A database error met in the store, told in the database's own words: not the SQL and the JDBC wrapping around them. */
public final class StoreError {

    private StoreError() {
    }

    /** "the snapshot store failed: " and the first line of the database's message, when {@code failure} comes from the database. */
    public static Optional<String> reasonOf(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException database) {
                String message = database.getMessage() == null ? database.getClass().getSimpleName() : database.getMessage();
                return Optional.of("the snapshot store failed: " + message.lines().findFirst().orElse(message).strip());
            }
        }
        return Optional.empty();
    }
}
