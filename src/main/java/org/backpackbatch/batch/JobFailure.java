package org.backpackbatch.batch;

import java.util.List;
import org.backpackbatch.api.BackpackException;
import org.backpackbatch.store.StoreError;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.transaction.TransactionSystemException;

/**
 * Why a backup or restore job did not complete, in one line a person can act on. A failure from
 * the server comes out as its own {@link BackpackException} (so its exit code holds); anything
 * else as a JobFailure that says to run the same command again.
 */
public final class JobFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private JobFailure(String message, Throwable cause) {
        super(message, cause);
    }

    /** {@code job} names the run ("the backup of URL"), {@code next} what a re-run does ("resume it"). */
    public static RuntimeException of(JobExecution execution, String job, String next) {
        List<Throwable> failures = execution.getAllFailureExceptions().stream().map(JobFailure::original).toList();
        for (Throwable failure : failures) {
            for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
                if (cause instanceof BackpackException backpack) {
                    return backpack;
                }
            }
        }
        Throwable first = failures.isEmpty() ? null : failures.get(0);
        String reason = first == null ? execution.getExitStatus().getExitDescription() : reasonOf(first);
        return new JobFailure(job + " stopped: " + reason + "; run the same command again to " + next, first);
    }

    /** SQLite rolls a transaction back itself on errors such as SQLITE_FULL; the rollback that then fails hides the cause. */
    private static Throwable original(Throwable failure) {
        return failure instanceof TransactionSystemException rollback && rollback.getApplicationException() != null
                ? rollback.getApplicationException() : failure;
    }

    /** The store's own words for a database error (not the SQL around it), else the failure's message. */
    private static String reasonOf(Throwable failure) {
        return StoreError.reasonOf(failure).orElse(failure.getMessage());
    }
}
