package org.backpackbatch.schedule;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.backpackbatch.api.Secrets;
import org.backpackbatch.store.Dialect;
import org.backpackbatch.store.Snapshot;
import org.backpackbatch.store.SnapshotStore;
import org.backpackbatch.store.Store;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What {@code status} tells of one account of a store: its last complete snapshot, its last failed
 * or stopped backup and why, the node running it now (null: none), and its next scheduled start
 * (null: none planned). The schedule's part comes from where the schedule keeps it: Quartz's
 * cluster tables on PostgreSQL, the daemon's lease rows ({@code schedule_jobs}) on either store.
 */
public record AccountStatus(String account, Snapshot lastComplete, SnapshotStore.FailedRun lastFailure, String runningOn, Instant nextStart) {

    /** Every account of the store, those it has snapshots of and those the schedule plans, by URL. */
    public static List<AccountStatus> of(Store store, Instant now) {
        Map<String, Scheduled> schedule = new TreeMap<>();
        JdbcTemplate jdbc = store.jdbc();
        jdbc.queryForList("SELECT url FROM accounts", String.class).forEach(url -> schedule.put(url, Scheduled.NONE));
        leases(jdbc, now, schedule);
        if (store.dialect() == Dialect.POSTGRESQL) {
            cluster(jdbc, schedule);
        }
        List<AccountStatus> statuses = new ArrayList<>();
        schedule.forEach((account, scheduled) -> statuses.add(new AccountStatus(account,
                store.snapshots().latestComplete(account).orElse(null),
                store.snapshots().failedRuns(account, 1).stream().findFirst()
                        .map(run -> new SnapshotStore.FailedRun(run.endedAt(), run.snapshotId(), run.state(), Secrets.scrub(run.error())))
                        .orElse(null),
                scheduled.node(), scheduled.nextStart())));
        return statuses;
    }

    /** The schedule's part of an account's status. */
    private record Scheduled(String node, Instant nextStart) {
        static final Scheduled NONE = new Scheduled(null, null);

        Scheduled runningOn(String node) {
            return new Scheduled(node, nextStart);
        }

        /** The earlier of two planned starts. */
        Scheduled startingAt(Instant start) {
            return start == null || nextStart != null && !start.isBefore(nextStart) ? this : new Scheduled(node, start);
        }
    }

    /** A daemon without a Quartz cluster (SQLite, or {@code --once}): a lease not yet run out is a run in progress on its holder. */
    private static void leases(JdbcTemplate jdbc, Instant now, Map<String, Scheduled> schedule) {
        jdbc.query("SELECT account, holder, lease_until, next_start_at FROM schedule_jobs WHERE account IS NOT NULL", row -> {
            String account = row.getString("account");
            Scheduled scheduled = schedule.getOrDefault(account, Scheduled.NONE);
            long leaseUntil = row.getLong("lease_until");
            if (row.getString("holder") != null && leaseUntil > now.toEpochMilli()) {
                scheduled = scheduled.runningOn(row.getString("holder"));
            }
            long next = row.getLong("next_start_at");
            schedule.put(account, row.wasNull() ? scheduled : scheduled.startingAt(Instant.ofEpochMilli(next)));
        });
    }

    /**
     * The cluster's schedule in Quartz's tables: an account's Quartz job is named by its URL in the
     * group of its backup job; a fired trigger executing it names the node; its next start is its
     * planned run's trigger, else its job's next cron time plus the account's offset in the spread.
     */
    private static void cluster(JdbcTemplate jdbc, Map<String, Scheduled> schedule) {
        String scheduler = QuartzSettings.CLUSTER_NAME;
        jdbc.query("SELECT JOB_NAME, INSTANCE_NAME FROM QRTZ_FIRED_TRIGGERS WHERE SCHED_NAME = ? AND JOB_GROUP <> ? AND STATE = 'EXECUTING'",
                row -> {
                    schedule.put(row.getString(1), schedule.getOrDefault(row.getString(1), Scheduled.NONE).runningOn(row.getString(2)));
                }, scheduler, ScheduleDaemon.JOBS);
        jdbc.query("SELECT JOB_NAME, min(NEXT_FIRE_TIME) FROM QRTZ_TRIGGERS WHERE SCHED_NAME = ? AND JOB_GROUP <> ?"
                + " AND NEXT_FIRE_TIME IS NOT NULL AND TRIGGER_STATE IN ('WAITING', 'ACQUIRED', 'BLOCKED') GROUP BY JOB_NAME", row -> {
                    schedule.put(row.getString(1), schedule.getOrDefault(row.getString(1), Scheduled.NONE)
                            .startingAt(Instant.ofEpochMilli(row.getLong(2))));
                }, scheduler, ScheduleDaemon.JOBS);
        // accounts with no run planned yet: their job's next cron time, plus their offset
        jdbc.query("SELECT a.JOB_NAME, t.NEXT_FIRE_TIME, f.JOB_DATA FROM QRTZ_JOB_DETAILS a"
                + " JOIN QRTZ_TRIGGERS t ON t.SCHED_NAME = a.SCHED_NAME AND t.TRIGGER_GROUP = ? AND t.TRIGGER_NAME = a.JOB_GROUP"
                + " JOIN QRTZ_JOB_DETAILS f ON f.SCHED_NAME = a.SCHED_NAME AND f.JOB_GROUP = ? AND f.JOB_NAME = a.JOB_GROUP"
                + " WHERE a.SCHED_NAME = ? AND a.JOB_GROUP <> ? AND t.NEXT_FIRE_TIME IS NOT NULL", row -> {
                    String account = row.getString(1);
                    Scheduled scheduled = schedule.getOrDefault(account, Scheduled.NONE);
                    if (scheduled.nextStart() == null) {
                        Duration offset = spread(row.getBytes(3)).offsetOf(account);
                        scheduled = scheduled.startingAt(Instant.ofEpochMilli(row.getLong(2)).plus(offset));
                    }
                    schedule.put(account, scheduled);
                }, ScheduleDaemon.JOBS, ScheduleDaemon.JOBS, scheduler, ScheduleDaemon.JOBS);
    }

    /** A backup job's spread, from its firing's job data (Quartz keeps it as properties text). */
    private static Spread spread(byte[] jobData) {
        Properties data = new Properties();
        if (jobData != null) {
            try {
                data.load(new ByteArrayInputStream(jobData));
            } catch (IOException e) {
                throw new IllegalStateException("Quartz's job data is not properties text: " + e.getMessage(), e);
            }
        }
        return new Spread(Duration.ofMillis(Long.parseLong(data.getProperty(ScheduleDaemon.SPREAD, "0"))));
    }
}
