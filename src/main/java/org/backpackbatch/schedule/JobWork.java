package org.backpackbatch.schedule;

import org.backpackbatch.app.BackupRequest;
import org.backpackbatch.app.ExportRequest;
import org.backpackbatch.app.ForgetRequest;
import org.backpackbatch.app.RestoreRequest;
import org.backpackbatch.app.RunSummary;
import org.backpackbatch.app.VerifyRequest;
import org.backpackbatch.store.StoreLocation;

/** What a job does when it runs: the typed request of its command, read from its file. */
public sealed interface JobWork {

    /** The job's {@code type} in its file. */
    String type();

    /** The store the job works on: its lease is kept there. */
    StoreLocation store();

    /** What its runs are, for notifications and metrics. */
    RunSummary.Operation operation();

    /** The account it talks to, or null. */
    default String account() {
        return null;
    }

    /** A backup, then a forget with the job's retention policy when it has one ({@code retention} null: none). */
    record Backup(BackupRequest request, ForgetRequest retention) implements JobWork {
        public String type() {
            return "backup";
        }

        public RunSummary.Operation operation() {
            return RunSummary.Operation.BACKUP;
        }

        public StoreLocation store() {
            return request.store();
        }

        @Override
        public String account() {
            return request.account().url().toString();
        }
    }

    record Restore(RestoreRequest request) implements JobWork {
        public String type() {
            return "restore";
        }

        public RunSummary.Operation operation() {
            return RunSummary.Operation.RESTORE;
        }

        public StoreLocation store() {
            return request.store();
        }

        @Override
        public String account() {
            return request.target().url().toString();
        }
    }

    /** An export; {@code {date}} in its file name becomes the run's date, so that weekly exports do not overwrite. */
    record Export(ExportRequest request) implements JobWork {
        public String type() {
            return "export";
        }

        public RunSummary.Operation operation() {
            return RunSummary.Operation.EXPORT;
        }

        public StoreLocation store() {
            return request.store();
        }
    }

    /** A verify, with its restore test when the job asks for one. */
    record Verify(VerifyRequest request) implements JobWork {
        public String type() {
            return "verify";
        }

        public RunSummary.Operation operation() {
            return RunSummary.Operation.VERIFY;
        }

        public StoreLocation store() {
            return request.store();
        }
    }

    record Forget(ForgetRequest request) implements JobWork {
        public String type() {
            return "forget";
        }

        public RunSummary.Operation operation() {
            return RunSummary.Operation.FORGET;
        }

        public StoreLocation store() {
            return request.store();
        }
    }
}
