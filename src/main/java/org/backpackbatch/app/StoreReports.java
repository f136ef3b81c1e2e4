package org.backpackbatch.app;

import java.time.Instant;
import java.util.List;
import org.backpackbatch.api.Secrets;
import org.backpackbatch.report.AccountHistory;
import org.backpackbatch.report.DiffSummary;
import org.backpackbatch.report.RunFailure;
import org.backpackbatch.report.SnapshotPoint;
import org.backpackbatch.report.StoreReport;
import org.backpackbatch.store.Snapshot;
import org.backpackbatch.store.SnapshotDiff;
import org.backpackbatch.store.SnapshotStore;
import org.backpackbatch.store.Store;

/** A store's history as the HTML report shows it: its accounts, their snapshots, failures and latest changes. */
final class StoreReports {

    /** Failures shown per account, and titles per diff. */
    private static final int FAILURES = 5;
    private static final int EXAMPLES = 5;

    private StoreReports() {
    }

    static StoreReport of(Store store, Instant asOf) {
        SnapshotStore snapshots = store.snapshots();
        List<String> accounts = snapshots.snapshots(null).stream().map(Snapshot::account).distinct().sorted().toList();
        List<AccountHistory> histories = accounts.stream().map(account -> history(snapshots, account)).toList();
        long versions = store.jdbc().queryForObject("SELECT count(*) FROM versions", Long.class);
        return new StoreReport(store.location().toString(), store.sizeInBytes(), versions, asOf, histories);
    }

    private static AccountHistory history(SnapshotStore snapshots, String account) {
        List<Snapshot> all = snapshots.snapshots(account);
        List<RunFailure> failures = snapshots.failedRuns(account, FAILURES).stream()
                .map(run -> new RunFailure(run.endedAt(), "backup, snapshot " + run.snapshotId() + " (" + run.state().label() + ")",
                        Secrets.scrub(run.error())))
                .toList();
        List<Snapshot> complete = all.stream().filter(Snapshot::complete).toList();
        DiffSummary latestDiff = complete.size() < 2 ? null
                : DiffSummary.of(SnapshotDiff.between(snapshots, complete.get(complete.size() - 2).id(), complete.get(complete.size() - 1).id()),
                        EXAMPLES);
        return new AccountHistory(account, all.stream().map(SnapshotPoint::of).toList(), failures, latestDiff);
    }
}
