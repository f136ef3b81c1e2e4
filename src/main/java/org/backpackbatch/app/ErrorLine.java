package org.backpackbatch.app;

import org.backpackbatch.api.Secrets;
import org.backpackbatch.store.IntegrityFailure;

/** The one line a failure is told in, on stderr or in the scheduler's log: its message, first line, scrubbed of tokens. */
public final class ErrorLine {

    private ErrorLine() {
    }

    public static String of(Throwable failure) {
        if (!(failure instanceof IntegrityFailure)) {
            // a query that met a damaged page: say so, not which SQL it was
            failure = IntegrityFailure.damaged(null, failure).<Throwable>map(damage -> damage).orElse(failure);
        }
        String message = failure.getMessage();
        if (message == null || message.isBlank()) {
            message = failure.getClass().getSimpleName();
        }
        return Secrets.scrub(message.lines().findFirst().orElse(message));
    }
}
