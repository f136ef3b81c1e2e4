package org.backpackbatch.schedule;

import java.nio.file.Path;
import java.util.List;
import org.backpackbatch.app.BackupRequest;
import org.backpackbatch.app.ExportRequest;
import org.backpackbatch.app.ForgetRequest;
import org.backpackbatch.app.RestoreRequest;
import org.backpackbatch.app.RunSummary;
import org.backpackbatch.app.VerifyRequest;
import org.backpackbatch.store.RetentionPolicy;
import org.backpackbatch.store.StoreLocation;

/** What a job does when it runs: the typed request of its command, read from its file. */
public sealed interface JobWork {

    /** The job's {@code type} in its file: its operation's name. */
    default String type() {
        return operation().name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The store the job works on: its lease is kept there. */
    StoreLocation store();

    /** What its runs are, for notifications and metrics. */
    RunSummary.Operation operation();

    /** The account it talks to, or null. */
    default String account() {
        return null;
    }

    /**
     * A backup of one account ({@code account:}) or of many ({@code accounts:} names their file, else
     * null), each account run on its own, then a forget of that account's snapshots under the job's
     * retention policy when it has one ({@code retention} null: none). The accounts start at their
     * offsets inside {@code spread}, at most {@code maxParallel} at once on one node.
     */
    record Backup(List<BackupRequest> accounts, Path accountsFile, RetentionPolicy retention, Spread spread, int maxParallel)
            implements JobWork {

        public Backup {
            accounts = List.copyOf(accounts);
            if (accounts.isEmpty()) {
                throw new IllegalArgumentException("a backup job backs up at least one account");
            }
        }

        /** A backup of one account, as the {@code account:} form of a job file has it. */
        public Backup(BackupRequest request, RetentionPolicy retention) {
            this(List.of(request), null, retention, Spread.NONE, 1);
        }

        public RunSummary.Operation operation() {
            return RunSummary.Operation.BACKUP;
        }

        public StoreLocation store() {
            return accounts.get(0).store();
        }

        /** The account of a one-account backup, else null: the job's runs are its accounts'. */
        @Override
        public String account() {
            return accounts.size() == 1 ? accounts.get(0).account().url().toString() : null;
        }

        /** The runs of the job: one backup of each account alone. */
        public List<Backup> each() {
            return accounts.stream().map(request -> new Backup(List.of(request), accountsFile, retention, spread, maxParallel)).toList();
        }

        /** The one account's request of a run ({@link #each()}). */
        public BackupRequest request() {
            if (accounts.size() != 1) {
                throw new IllegalStateException("a backup of " + accounts.size() + " accounts runs account by account");
            }
            return accounts.get(0);
        }

        /** The forget that follows a successful run of one account, or null without a retention policy. */
        public ForgetRequest forget() {
            return retention == null ? null : new ForgetRequest(store(), retention, false, request().account().url().toString());
        }
    }

    record Restore(RestoreRequest request) implements JobWork {
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
        public RunSummary.Operation operation() {
            return RunSummary.Operation.EXPORT;
        }

        public StoreLocation store() {
            return request.store();
        }
    }

    /** A verify, with its restore test when the job asks for one. */
    record Verify(VerifyRequest request) implements JobWork {
        public RunSummary.Operation operation() {
            return RunSummary.Operation.VERIFY;
        }

        public StoreLocation store() {
            return request.store();
        }
    }

    record Forget(ForgetRequest request) implements JobWork {
        public RunSummary.Operation operation() {
            return RunSummary.Operation.FORGET;
        }

        public StoreLocation store() {
            return request.store();
        }
    }
}
