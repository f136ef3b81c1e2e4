package org.backpackbatch.store;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Removes the snapshots a {@link RetentionPolicy} does not keep, account by account, and then
 * every version that no remaining snapshot of its account holds, in one transaction. A dry run
 * decides and counts the same way and changes nothing. Spring Batch's records of the removed
 * backups stay: they are small, and snapshot ids are never reused.
 */
public final class Forget {

    /** What the policy decided for every snapshot, what went (or would go), and how many versions with it. */
    public record Result(List<RetentionPolicy.Decision> decisions, List<Snapshot> removed, long freedVersions, boolean dryRun) {
        public Result {
            decisions = List.copyOf(decisions);
            removed = List.copyOf(removed);
        }
    }

    private Forget() {
    }

    public static Result run(Store session, RetentionPolicy policy, boolean dryRun) {
        return run(session, policy, dryRun, null);
    }

    /** Forgets the snapshots of one account ({@code account} null: of every account). */
    public static Result run(Store session, RetentionPolicy policy, boolean dryRun, String account) {
        if (dryRun) {
            return forget(session, policy, false, account);
        }
        return new TransactionTemplate(session.transactionManager()).execute(status -> forget(session, policy, true, account));
    }

    private static Result forget(Store session, RetentionPolicy policy, boolean apply, String account) {
        JdbcTemplate jdbc = session.jdbc();
        Map<String, List<Snapshot>> byAccount = session.snapshots().snapshots(account).stream()
                .collect(Collectors.groupingBy(Snapshot::account, LinkedHashMap::new, Collectors.toList()));
        List<RetentionPolicy.Decision> decisions = byAccount.values().stream().flatMap(snapshots -> policy.decide(snapshots).stream()).toList();
        List<Snapshot> removed = decisions.stream().filter(d -> !d.keep()).map(RetentionPolicy.Decision::snapshot).toList();
        if (removed.isEmpty()) {
            return new Result(decisions, removed, 0, !apply);
        }
        String removedIds = removed.stream().map(s -> Long.toString(s.id())).collect(Collectors.joining(", "));
        // held by no snapshot that stays: the same test counts for a dry run and deletes for a real one
        // one account's versions only, when forgetting for one: the others cannot lose a snapshot
        String ofAccount = account == null ? "" : " versions.account_id = (SELECT id FROM accounts WHERE url = ?) AND";
        Object[] arguments = account == null ? new Object[0] : new Object[] {account};
        String unheld = " FROM versions WHERE" + ofAccount + " NOT EXISTS (SELECT 1 FROM snapshots s WHERE s.account_id = versions.account_id"
                + " AND s.id >= versions.first_snapshot AND (versions.last_snapshot IS NULL OR s.id <= versions.last_snapshot)"
                + " AND s.id NOT IN (" + removedIds + "))";
        long freed;
        if (apply) {
            jdbc.update("DELETE FROM snapshots WHERE id IN (" + removedIds + ")");
            freed = jdbc.update("DELETE" + unheld, arguments);
        } else {
            freed = jdbc.queryForObject("SELECT count(*)" + unheld, Long.class, arguments);
        }
        return new Result(decisions, removed, freed, !apply);
    }
}
