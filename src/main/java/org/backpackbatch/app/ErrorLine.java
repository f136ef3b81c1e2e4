package org.backpackbatch.app;

import org.backpackbatch.api.Secrets;
import org.backpackbatch.store.IntegrityFailure;
import org.backpackbatch.store.StoreError;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.TransactionException;

/** The one line a failure is told in, on stderr or in the scheduler's log: its message, first line, scrubbed of tokens. */
public final class ErrorLine {

    private ErrorLine() {
    }

    public static String of(Throwable failure) {
        if (!(failure instanceof IntegrityFailure)) {
            // a query that met a damaged page: say so, not which SQL it was
            failure = IntegrityFailure.damaged(null, failure).<Throwable>map(damage -> damage).orElse(failure);
        }
        // Spring's own words for a database error name the SQL that failed, which tells a person nothing
        String message = failure instanceof DataAccessException || failure instanceof TransactionException
                ? StoreError.reasonOf(failure).orElse(failure.getMessage()) : failure.getMessage();
        if (message == null || message.isBlank()) {
            message = failure.getClass().getSimpleName();
        }
        return Secrets.scrub(message.lines().findFirst().orElse(message));
    }
}
