package org.backpackbatch.schedule;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import java.util.UUID;
import javax.sql.DataSource;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;

/**
 * The two Quartz job stores the daemon runs on. On an SQLite store, Quartz's RAM store, rebuilt
 * from {@code jobs/} at each start (Quartz has no SQLite schema). On a PostgreSQL store, Quartz's
 * clustered JDBC job store in that database (its tables: {@code db/postgresql/V2__quartz_cluster.sql}):
 * every node started on it shares one schedule; each trigger fires on one node, and the runs of a
 * node that stops checking in are fired again on another.
 */
final class QuartzSettings {

    /** The scheduler's name on every node: the SCHED_NAME of the cluster's rows and of its lock rows. */
    static final String CLUSTER_NAME = "backpack-batch";
    /** How often a node tells the others it is alive; Quartz declares it dead some 7.5 s after a missed check-in. */
    static final Duration CHECK_IN = Duration.ofSeconds(2);
    /** A trigger later than this is a misfire, handled by its instruction (a cron runs once now, an account's run starts now). */
    static final Duration MISFIRE_THRESHOLD = Duration.ofSeconds(60);

    private QuartzSettings() {
    }

    /** A scheduler of this process alone, in memory. */
    static Properties inMemory(int threads) {
        Properties properties = common(threads);
        // Quartz keeps one scheduler per name in a process: each daemon needs its own
        properties.setProperty("org.quartz.scheduler.instanceName", "backpack-batch-" + UUID.randomUUID());
        properties.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
        return properties;
    }

    /**
     * A node of the cluster whose schedule lives in {@code database}. Quartz works in transactions
     * of its own (JobStoreTX), on connections of its own, never inside a run's transaction: its lock
     * rows are held only for its own short statements (quartz issue 857 is a deadlock between them
     * and an application's long transactions).
     */
    static Properties clustered(DataSource database, int threads) {
        String dataSource = "backpack-batch-" + UUID.randomUUID();
        DBConnectionManager.getInstance().addConnectionProvider(dataSource, new ConnectionProvider() {
            @Override
            public Connection getConnection() throws SQLException {
                return database.getConnection();
            }

            @Override
            public void shutdown() {
                // the daemon owns the pool and closes it after the scheduler
            }

            @Override
            public void initialize() {
                // the pool is open already
            }
        });
        Properties properties = common(threads);
        properties.setProperty("org.quartz.scheduler.instanceName", CLUSTER_NAME);
        properties.setProperty("org.quartz.scheduler.instanceId", "AUTO");
        properties.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        properties.setProperty("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
        properties.setProperty("org.quartz.jobStore.dataSource", dataSource);
        properties.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
        properties.setProperty("org.quartz.jobStore.isClustered", "true");
        properties.setProperty("org.quartz.jobStore.clusterCheckinInterval", Long.toString(CHECK_IN.toMillis()));
        // job data as text (the account, the firing), never serialised Java objects
        properties.setProperty("org.quartz.jobStore.useProperties", "true");
        // acquiring outside the lock lets two nodes fire one trigger (quartz issue 29)
        properties.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
        // a node takes as many due triggers in one round of the lock as it has free threads
        properties.setProperty("org.quartz.scheduler.batchTriggerAcquisitionMaxCount", Integer.toString(threads));
        return properties;
    }

    /** How many connections a node's Quartz needs: one per thread finishing a run, the scheduler's, the misfire handler's, the check-in's. */
    static int connections(int threads) {
        return Math.min(threads + 3, 20);
    }

    private static Properties common(int threads) {
        Properties properties = new Properties();
        properties.setProperty("org.quartz.threadPool.threadCount", Integer.toString(threads));
        properties.setProperty("org.quartz.jobStore.misfireThreshold", Long.toString(MISFIRE_THRESHOLD.toMillis()));
        properties.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        return properties;
    }
}
