package org.backpackbatch.schedule;

import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Semaphore;
import javax.sql.DataSource;
import org.backpackbatch.app.Application;
import org.backpackbatch.app.ExitCode;
import org.backpackbatch.app.RunObservers;
import org.backpackbatch.app.UsageException;
import org.backpackbatch.store.Store;
import org.backpackbatch.store.StoreLocation;
import org.backpackbatch.store.StoreProblem;
import com.zaxxer.hikari.HikariDataSource;
import org.quartz.CronExpression;
import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDataMap;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.JobKey;
import org.quartz.ObjectAlreadyExistsException;
import org.quartz.PersistJobDataAfterExecution;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.impl.matchers.GroupMatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon: every job of {@code jobs/} on its Quartz cron. A backup job's cron fires its firing,
 * which plans one run of each of its accounts at the account's offset inside the job's spread;
 * each account is a Quartz job of its own (named by its URL, in a group named after the job), at
 * most max-parallel of a job's accounts run at once on a node, and an account never runs twice at
 * once. On an SQLite store Quartz keeps the schedule in memory, rebuilt at each start, and runs
 * missed while the daemon was off happen once at start-up; on a PostgreSQL store it keeps it in the
 * database, shared by every node started on it, which fires each run on one node and fires the runs
 * of a dead node again on another.
 */
public final class ScheduleDaemon {

    private static final Logger LOG = LoggerFactory.getLogger("schedule");
    /** The Quartz group of the jobs' own Quartz jobs and cron triggers; an account's are in the group named after its job. */
    static final String JOBS = "jobs";
    /** Job data: the time a run was scheduled for (its cron time), as epoch milliseconds in text. */
    static final String SCHEDULED_FOR = "scheduledFor";
    /** Job data of an account: the cron time of its latest run, so that a firing fired again does not plan it twice. */
    static final String LAST_FIRING = "lastFiring";
    /** Job data of a backup job's firing: its spread, for {@code status} to tell when each account starts next. */
    static final String SPREAD = "spread";
    private static final String DAEMON = "daemon";

    private final Map<String, JobDefinition> jobs;
    private final Application application;
    private final JobRunner runner;
    private final DataSource cluster;
    /** Each backup job's runs, by account. */
    private final Map<String, Map<String, JobDefinition>> accountRuns = new LinkedHashMap<>();
    /** Each backup job's max-parallel, as permits: the accounts of the job running on this node. */
    private final Map<String, Semaphore> slots = new LinkedHashMap<>();
    private volatile boolean draining;
    /** The cluster's connections, closed after the scheduler (null on an SQLite store). */
    private HikariDataSource clusterPool;
    private Scheduler scheduler;

    /** A daemon of its own, Quartz in memory; {@code observers} hear of every run (the daemon's metrics). */
    public ScheduleDaemon(Map<String, JobDefinition> jobs, Application application, RunObservers observers) {
        this(jobs, application, observers, null);
    }

    private ScheduleDaemon(Map<String, JobDefinition> jobs, Application application, RunObservers observers, DataSource cluster) {
        this.jobs = jobs;
        this.application = application;
        this.cluster = cluster;
        this.runner = new JobRunner(application, observers, cluster == null ? JobRunner.Coordination.LEASES
                : JobRunner.Coordination.QUARTZ_CLUSTER);
        jobs.values().stream().filter(job -> job.cron() != null && job.work() instanceof JobWork.Backup).forEach(job -> {
            Map<String, JobDefinition> runs = new LinkedHashMap<>();
            job.runs().forEach(run -> runs.put(run.work().account(), run));
            accountRuns.put(job.name(), runs);
            slots.put(job.name(), new Semaphore(((JobWork.Backup) job.work()).maxParallel(), true));
        });
    }

    /**
     * The daemon for these jobs: on an SQLite store, one of its own; on a PostgreSQL store, a node of
     * the cluster whose schedule Quartz keeps in that database (created and migrated first, Quartz's
     * tables with it). Every job with a cron then names that one database: a cluster has one schedule.
     */
    public static ScheduleDaemon of(Map<String, JobDefinition> jobs, Application application, RunObservers observers) {
        StoreLocation.PostgresDatabase database = clusterOf(jobs);
        if (database == null) {
            return new ScheduleDaemon(jobs, application, observers, null);
        }
        Store.open(database, Store.Access.CREATE).close();
        HikariDataSource pool = Store.pool(database, QuartzSettings.connections(threads(jobs)), "quartz");
        ScheduleDaemon daemon = new ScheduleDaemon(jobs, application, observers, pool);
        daemon.clusterPool = pool;
        return daemon;
    }

    /** The PostgreSQL database of the jobs with a cron, or null when they are on SQLite; jobs on two kinds of store or two databases are refused. */
    static StoreLocation.PostgresDatabase clusterOf(Map<String, JobDefinition> jobs) {
        List<JobDefinition> scheduled = jobs.values().stream().filter(job -> job.cron() != null).toList();
        List<StoreLocation.PostgresDatabase> databases = scheduled.stream().map(job -> job.work().store())
                .filter(StoreLocation.PostgresDatabase.class::isInstance).map(StoreLocation.PostgresDatabase.class::cast).toList();
        if (databases.isEmpty()) {
            return null;
        }
        StoreLocation.PostgresDatabase first = databases.get(0);
        for (JobDefinition job : scheduled) {
            if (!(job.work().store() instanceof StoreLocation.PostgresDatabase other) || !other.url().equals(first.url())) {
                throw new UsageException(job.file() + ": field 'db': the schedule of a cluster lives in one PostgreSQL database, "
                        + first.server() + "/" + first.database() + ", and every job with a cron works on it (this one names "
                        + job.work().store() + ")");
            }
        }
        return first;
    }

    // ---- the Quartz jobs ------------------------------------------------------------------

    /** One run of a job that is not a backup; Quartz never starts it twice at once. */
    @DisallowConcurrentExecution
    public static final class ScheduledRun implements Job {
        @Override
        public void execute(JobExecutionContext context) {
            ScheduleDaemon daemon = daemon(context);
            String name = context.getJobDetail().getKey().getName();
            try {
                daemon.runner.run(daemon.jobs.get(name), scheduledFor(context));
            } catch (RuntimeException e) {
                // the cause is often what says why (a store that cannot be opened, a full disk)
                LOG.error("job {} failed: {}", name, e.getMessage(), e);
            }
        }
    }

    /** A backup job's cron time: it plans the run of each of its accounts. */
    @DisallowConcurrentExecution
    public static final class Firing implements Job {
        @Override
        public void execute(JobExecutionContext context) {
            ScheduleDaemon daemon = daemon(context);
            String name = context.getJobDetail().getKey().getName();
            try {
                daemon.fire(daemon.jobs.get(name), scheduledFor(context), context.isRecovering());
            } catch (SchedulerException | RuntimeException e) {
                LOG.error("job {} could not plan its accounts' runs: {}", name, e.getMessage(), e);
            }
        }
    }

    /** One run of one account of a backup job; the account's latest firing is kept with it. */
    @DisallowConcurrentExecution
    @PersistJobDataAfterExecution
    public static final class AccountRun implements Job {
        @Override
        public void execute(JobExecutionContext context) {
            ScheduleDaemon daemon = daemon(context);
            JobKey key = context.getJobDetail().getKey();
            Instant scheduledFor = scheduledFor(context);
            context.getJobDetail().getJobDataMap().put(LAST_FIRING, Long.toString(scheduledFor.toEpochMilli()));
            try {
                daemon.runAccount(key.getGroup(), key.getName(), scheduledFor);
            } catch (SchedulerException | RuntimeException e) {
                LOG.error("job {} account {} failed: {}", key.getGroup(), key.getName(), e.getMessage(), e);
            }
        }
    }

    private static ScheduleDaemon daemon(JobExecutionContext context) {
        try {
            return (ScheduleDaemon) context.getScheduler().getContext().get(DAEMON);
        } catch (SchedulerException e) {
            throw new IllegalStateException("the scheduler has no daemon in its context: " + e.getMessage(), e);
        }
    }

    /** The cron time the run belongs to: given in its data (a firing's account, a missed run), else the trigger's own. */
    private static Instant scheduledFor(JobExecutionContext context) {
        String given = context.getMergedJobDataMap().getString(SCHEDULED_FOR);
        if (given != null) {
            return Instant.ofEpochMilli(Long.parseLong(given));
        }
        return context.getScheduledFireTime() == null ? Instant.now() : context.getScheduledFireTime().toInstant();
    }

    // ---- what they do ---------------------------------------------------------------------

    /**
     * Plans this firing's run of each account: a one-shot trigger of the account's Quartz job at the
     * cron time plus its offset, earliest first so that planning keeps ahead of the first starts.
     * Each trigger is one short transaction of Quartz's lock, not one transaction for all of them.
     * Fired again (its node died while planning), it skips the accounts already planned or run.
     */
    private void fire(JobDefinition job, Instant scheduledFor, boolean again) throws SchedulerException {
        List<JobDefinition> runs = new ArrayList<>(accountRuns.get(job.name()).values());
        runs.sort(Comparator.comparing(JobDefinition::offset));
        int planned = 0;
        int waiting = 0;
        for (JobDefinition run : runs) {
            if (again && ranFor(run, scheduledFor)) {
                continue;
            }
            if (hasWaitingRun(run)) {
                // a run of an earlier firing has not started yet (the account's previous run is still going): it does for both
                waiting++;
            } else if (plan(run, scheduledFor, scheduledFor.plus(run.offset()), null)) {
                planned++;
            }
        }
        JobWork.Backup backup = (JobWork.Backup) job.work();
        String message = "job {}: the run of {} planned {} account(s){}{}";
        Object[] arguments = {job.name(), scheduledFor, planned, backup.spread().window().isZero() ? "" : " over " + backup.spread(),
                waiting == 0 ? "" : "; " + waiting + " still wait for the run of an earlier time"};
        if (backup.accountsFile() != null || waiting > 0) {
            LOG.info(message, arguments);
        } else {
            LOG.debug(message, arguments);
        }
    }

    /** Whether a run of the account is planned and has not started. */
    private boolean hasWaitingRun(JobDefinition run) throws SchedulerException {
        for (Trigger trigger : scheduler.getTriggersOfJob(accountKey(run))) {
            // a one-shot trigger that has fired has no next time
            if (trigger.getNextFireTime() != null) {
                return true;
            }
        }
        return false;
    }

    /** Whether the account's run of that firing has started already (its Quartz job keeps its latest firing). */
    private boolean ranFor(JobDefinition run, Instant scheduledFor) throws SchedulerException {
        JobDetail account = scheduler.getJobDetail(accountKey(run));
        String last = account == null ? null : account.getJobDataMap().getString(LAST_FIRING);
        return last != null && Long.parseLong(last) >= scheduledFor.toEpochMilli();
    }

    /**
     * A one-shot trigger of the account's run of the firing {@code scheduledFor}, at {@code startAt};
     * {@code again} names a run planned a second time (one that a stopping node gave back). Returns
     * false when that run is planned already.
     */
    private boolean plan(JobDefinition run, Instant scheduledFor, Instant startAt, Instant again) throws SchedulerException {
        String name = scheduledFor.toEpochMilli() + (again == null ? "" : "+" + again.toEpochMilli()) + " " + run.work().account();
        Trigger trigger = TriggerBuilder.newTrigger().withIdentity(TriggerKey.triggerKey(name, run.name())).forJob(accountKey(run))
                .startAt(Date.from(startAt)).usingJobData(SCHEDULED_FOR, Long.toString(scheduledFor.toEpochMilli()))
                .withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow()).build();
        try {
            scheduler.scheduleJob(trigger);
            return true;
        } catch (ObjectAlreadyExistsException planned) {
            return false;
        }
    }

    /** Runs one account of a backup job, within the job's max-parallel on this node. */
    private void runAccount(String jobName, String account, Instant scheduledFor) throws SchedulerException {
        JobDefinition run = accountRuns.getOrDefault(jobName, Map.of()).get(account);
        if (run == null) {
            LOG.error("job {} account {}: not in this node's job files; every node needs the same {}", jobName, account,
                    jobs.containsKey(jobName) ? "accounts file" : "jobs folder");
            return;
        }
        if (backedUpSince(run, scheduledFor)) {
            // a run fired again after it had finished (its node died before Quartz heard of the end): the firing has its snapshot
            LOG.info("job {} account {}: already has a complete snapshot of the run of {}", jobName, account, scheduledFor);
            return;
        }
        Semaphore slot = slots.get(jobName);
        try {
            slot.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        int exitCode;
        try {
            // a run that would only start to be stopped is not started
            exitCode = draining ? ExitCode.INTERRUPTED.code() : runner.run(run, scheduledFor);
        } finally {
            slot.release();
        }
        if (exitCode == ExitCode.INTERRUPTED.code() && draining && cluster != null) {
            // stopped with this node: another node resumes the same snapshot now
            plan(run, scheduledFor, Instant.now(), Instant.now());
            LOG.info("job {} account {}: given back to the cluster, another node resumes it", jobName, account);
        }
    }

    /** Whether the account has a complete snapshot started at or after the firing's cron time. */
    private static boolean backedUpSince(JobDefinition run, Instant scheduledFor) {
        try (Store store = Store.open(run.work().store(), Store.Access.READ)) {
            return store.snapshots().latestComplete(run.work().account())
                    .map(snapshot -> !Instant.parse(snapshot.startedAt()).isBefore(scheduledFor)).orElse(false);
        } catch (StoreProblem notYetAStore) {
            // a store the first run creates (or upgrades) has no snapshot of this firing
            return false;
        }
    }

    private static JobKey accountKey(JobDefinition run) {
        return JobKey.jobKey(run.work().account(), run.name());
    }

    // ---- start and stop -------------------------------------------------------------------

    /** Schedules every job with a cron (catching up what was missed) and starts; returns at once. */
    public void start() throws SchedulerException {
        int threads = threads(jobs);
        Properties properties = cluster == null ? QuartzSettings.inMemory(threads) : QuartzSettings.clustered(cluster, threads);
        scheduler = new StdSchedulerFactory(properties).getScheduler();
        scheduler.getContext().put(DAEMON, this);
        Set<String> scheduled = new HashSet<>();
        for (JobDefinition job : jobs.values()) {
            if (job.cron() == null) {
                continue;
            }
            scheduled.add(job.name());
            boolean backup = job.work() instanceof JobWork.Backup;
            JobDetail detail = JobBuilder.newJob(backup ? Firing.class : ScheduledRun.class).withIdentity(job.name(), JOBS)
                    .usingJobData(SPREAD, backup ? Long.toString(((JobWork.Backup) job.work()).spread().window().toMillis()) : "0")
                    .storeDurably().requestRecovery(cluster != null).build();
            CronTrigger trigger = TriggerBuilder.newTrigger().withIdentity(job.name(), JOBS).forJob(detail)
                    .withSchedule(CronScheduleBuilder.cronSchedule(job.cron()).withMisfireHandlingInstructionFireAndProceed()).build();
            keep(detail, trigger);
            if (backup) {
                keepAccounts(job);
            }
        }
        if (cluster != null) {
            forgetJobsNotIn(scheduled);
        } else {
            catchUp();
            recordPlans();
        }
        scheduler.start();
    }

    /** This node's name in the cluster (Quartz's instance id, as {@code status} shows it), or null for a daemon of its own. */
    public String node() {
        try {
            return cluster == null ? null : scheduler.getSchedulerInstanceId();
        } catch (SchedulerException e) {
            return null;
        }
    }

    /** Quartz's threads: one for each job's cron, and each backup job's max-parallel for its accounts. */
    private static int threads(Map<String, JobDefinition> jobs) {
        return Math.max(1, jobs.values().stream().filter(job -> job.cron() != null)
                .mapToInt(job -> 1 + (job.work() instanceof JobWork.Backup backup ? backup.maxParallel() : 0)).sum());
    }

    /**
     * Puts the job and its cron trigger in the schedule. In the cluster's store an unchanged trigger
     * stays as it is (so that a run the cluster missed while every node was down still happens once);
     * a changed one is replaced.
     */
    private void keep(JobDetail detail, CronTrigger trigger) throws SchedulerException {
        Trigger existing = scheduler.getTrigger(trigger.getKey());
        JobDetail existingDetail = scheduler.getJobDetail(detail.getKey());
        if (existing instanceof CronTrigger cron && cron.getCronExpression().equals(trigger.getCronExpression()) && existingDetail != null
                && existingDetail.getJobClass().equals(detail.getJobClass())
                && existingDetail.getJobDataMap().equals(detail.getJobDataMap())) {
            return;
        }
        scheduler.scheduleJob(detail, Set.of(trigger), true);
    }

    /** Makes the accounts of a backup job Quartz jobs of their own: the missing ones added, those no longer in its file removed. */
    private void keepAccounts(JobDefinition job) throws SchedulerException {
        Set<JobKey> existing = new HashSet<>(scheduler.getJobKeys(GroupMatcher.jobGroupEquals(job.name())));
        for (JobDefinition run : accountRuns.get(job.name()).values()) {
            JobKey key = accountKey(run);
            if (existing.remove(key)) {
                continue;
            }
            JobDetail account = JobBuilder.newJob(AccountRun.class).withIdentity(key).storeDurably().requestRecovery(cluster != null).build();
            try {
                scheduler.addJob(account, false);
            } catch (ObjectAlreadyExistsException addedByAnotherNode) {
                // nodes starting together add the same accounts
            }
        }
        for (JobKey gone : existing) {
            scheduler.deleteJob(gone);
        }
    }

    /** In the cluster's store, the jobs of files this node does not have: the last node started sets the schedule. */
    private void forgetJobsNotIn(Set<String> scheduled) throws SchedulerException {
        for (JobKey key : scheduler.getJobKeys(GroupMatcher.jobGroupEquals(JOBS))) {
            if (!scheduled.contains(key.getName())) {
                LOG.info("job {}: no longer in this node's job files, removed from the cluster's schedule", key.getName());
                scheduler.deleteJob(key);
                for (JobKey account : scheduler.getJobKeys(GroupMatcher.jobGroupEquals(key.getName()))) {
                    scheduler.deleteJob(account);
                }
            }
        }
    }

    /** The runs missed while no daemon was running (in memory, the schedule starts afresh): each once, now, not once per miss. */
    private void catchUp() throws SchedulerException {
        Instant now = Instant.now();
        for (JobDefinition job : jobs.values()) {
            if (job.cron() == null) {
                continue;
            }
            Map<String, Instant> lastFires = new ScheduleLedger(job.work().store()).lastFires();
            for (JobDefinition run : job.runs()) {
                Instant missed = missedRun(run, lastFires.get(run.runKey()));
                if (missed == null) {
                    continue;
                }
                LOG.info("job {}: the run of {} was missed (the daemon was not running); running it now", run.runKey(), missed);
                if (job.work() instanceof JobWork.Backup) {
                    plan(run, missed, now.plus(run.offset()), null);
                } else {
                    JobDataMap data = new JobDataMap();
                    data.put(SCHEDULED_FOR, Long.toString(missed.toEpochMilli()));
                    scheduler.triggerJob(JobKey.jobKey(job.name(), JOBS), data);
                }
            }
        }
    }

    /** Each store's runs and their next starts, for {@code status} (the cluster's Quartz tables tell it there). */
    private void recordPlans() {
        Instant now = Instant.now();
        Map<StoreLocation, List<JobDefinition>> byStore = new LinkedHashMap<>();
        jobs.values().stream().filter(job -> job.cron() != null)
                .forEach(job -> byStore.computeIfAbsent(job.work().store(), store -> new ArrayList<>()).addAll(job.runs()));
        byStore.forEach((store, runs) -> new ScheduleLedger(store).planned(runs, now));
    }

    /** The latest scheduled time after the run's last recorded one that has passed, if any: it runs once, not once per miss. */
    static Instant missedRun(JobDefinition job, Instant last) {
        if (last == null) {
            return null;
        }
        try {
            CronExpression cron = new CronExpression(job.cron());
            Date now = new Date();
            Date next = cron.getNextValidTimeAfter(Date.from(last));
            Date latest = null;
            while (next != null && next.before(now)) {
                latest = next;
                next = cron.getNextValidTimeAfter(next);
            }
            return latest == null ? null : latest.toInstant();
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Stops: no run starts on this node any more, running backups and restores stop at their next
     * chunk boundary (the next run resumes them; in a cluster, another node at once), and the
     * scheduler waits for them up to {@code grace}.
     */
    public void stop(Duration grace) {
        draining = true;
        try {
            scheduler.standby();
        } catch (SchedulerException e) {
            LOG.warn("the scheduler did not pause: {}", e.getMessage());
        }
        application.runningJobs().stopAll();
        Thread shutdown = new Thread(() -> {
            try {
                scheduler.shutdown(true);
            } catch (SchedulerException e) {
                LOG.warn("the scheduler did not stop cleanly: {}", e.getMessage());
            }
        }, "schedule-shutdown");
        shutdown.setDaemon(true);
        shutdown.start();
        try {
            shutdown.join(grace.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!shutdown.isAlive()) {
            application.runningJobs().stopped();
            if (clusterPool != null) {
                clusterPool.close();
            }
        }
    }
}
