package org.backpackbatch.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.backpackbatch.store.Store;
import org.backpackbatch.store.StoreLocation;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The schedule's own rows in a job's store, for daemons that share no Quartz store: a lease per
 * run, a job or one account of a backup job (only its holder runs it; a lease not renewed runs
 * out, so a crashed daemon never blocks it for long) and the scheduled time of its last run.
 */
final class ScheduleLedger {

    static final Duration LEASE = Duration.ofMinutes(2);

    private final StoreLocation store;

    ScheduleLedger(StoreLocation store) {
        this.store = store;
    }

    /** Takes the job's lease for {@code holder}, or returns false when another holder has it. */
    boolean acquire(String job, String holder) {
        return acquire(job, null, holder);
    }

    /** Takes the lease of a run of {@code account} (null: a job of no account) for {@code holder}, or returns false when another holder has it. */
    boolean acquire(String job, String account, String holder) {
        return inStore(jdbc -> {
            jdbc.update("INSERT INTO schedule_jobs (name) VALUES (?) ON CONFLICT DO NOTHING", job);
            return jdbc.update("UPDATE schedule_jobs SET holder = ?, lease_until = ?, account = ? WHERE name = ? AND (holder IS NULL OR lease_until < ?)",
                    holder, leaseEnd(), account, job, Instant.now().toEpochMilli()) == 1;
        });
    }

    /** Keeps the lease while the job runs. */
    void renew(String job, String holder) {
        inStore(jdbc -> jdbc.update("UPDATE schedule_jobs SET lease_until = ? WHERE name = ? AND holder = ?", leaseEnd(), job, holder));
    }

    /** Gives the lease back and records the run's scheduled time and its next start (null: none). */
    void release(String job, String holder, Instant firedFor, Instant nextStart) {
        inStore(jdbc -> jdbc.update("UPDATE schedule_jobs SET holder = NULL, lease_until = NULL, last_fire_at = ?, next_start_at = ?"
                + " WHERE name = ? AND holder = ?", firedFor.toEpochMilli(), nextStart == null ? null : nextStart.toEpochMilli(), job, holder));
    }

    /** Records which account each run backs up (null: none) and when it starts next (null: never), for {@code status}. */
    void planned(List<JobDefinition> runs, Instant now) {
        List<Object[]> rows = runs.stream().map(run -> {
            Instant next = run.nextStart(now);
            return new Object[] {run.runKey(), run.work().account(), next == null ? null : next.toEpochMilli()};
        }).toList();
        try (Store opened = Store.open(store, Store.Access.CREATE)) {
            opened.transactions().executeWithoutResult(status -> opened.jdbc().batchUpdate(
                    "INSERT INTO schedule_jobs (name, account, next_start_at) VALUES (?, ?, ?)"
                            + " ON CONFLICT (name) DO UPDATE SET account = excluded.account, next_start_at = excluded.next_start_at", rows));
        }
    }

    /** The scheduled time of the run's last run on this store, or null if it never ran (or the store does not exist yet). */
    Instant lastFire(String run) {
        return lastFires().get(run);
    }

    /** The scheduled time of the last run of every run that ran on this store, by its key. */
    Map<String, Instant> lastFires() {
        Map<String, Instant> lastFires = new HashMap<>();
        if (store instanceof StoreLocation.SqliteFile file && !file.file().toFile().exists()) {
            return lastFires;
        }
        inStore(jdbc -> {
            jdbc.query("SELECT name, last_fire_at FROM schedule_jobs WHERE last_fire_at IS NOT NULL",
                    row -> {
                        lastFires.put(row.getString("name"), Instant.ofEpochMilli(row.getLong("last_fire_at")));
                    });
            return null;
        });
        return lastFires;
    }

    private static long leaseEnd() {
        return Instant.now().plus(LEASE).toEpochMilli();
    }

    /** The job file names the store: the schedule creates it when it is missing. */
    private <T> T inStore(Function<JdbcTemplate, T> work) {
        try (Store opened = Store.open(store, Store.Access.CREATE)) {
            return work.apply(opened.jdbc());
        }
    }
}
