package org.backpackbatch.schedule;

import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Properties;
import org.backpackbatch.app.Application;
import org.backpackbatch.app.RunObservers;
import org.quartz.CronExpression;
import org.quartz.CronScheduleBuilder;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDataMap;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.TriggerBuilder;
import org.quartz.impl.StdSchedulerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon: every job of {@code jobs/} on its Quartz cron, in a RAM store rebuilt at each start
 * (Quartz has no SQLite job store). Runs missed while the machine was off happen once at start-up;
 * a job never overlaps itself (Quartz here, and the job's lease in its store across daemons).
 */
public final class ScheduleDaemon {

    private static final Logger LOG = LoggerFactory.getLogger("schedule");
    private static final String DEFINITIONS = "definitions";
    private static final String RUNNER = "runner";
    private static final String SCHEDULED_FOR = "scheduledFor";

    private final Map<String, JobDefinition> jobs;
    private final Application application;
    private final JobRunner runner;
    private Scheduler scheduler;

    /** {@code observers} hear of every run (the daemon's metrics). */
    public ScheduleDaemon(Map<String, JobDefinition> jobs, Application application, RunObservers observers) {
        this.jobs = jobs;
        this.application = application;
        this.runner = new JobRunner(application, observers);
    }

    /** One run of a job definition; Quartz never starts it twice at once. */
    @DisallowConcurrentExecution
    public static final class ScheduledRun implements Job {
        @Override
        public void execute(JobExecutionContext context) {
            try {
                @SuppressWarnings("unchecked")
                Map<String, JobDefinition> definitions = (Map<String, JobDefinition>) context.getScheduler().getContext().get(DEFINITIONS);
                JobRunner runner = (JobRunner) context.getScheduler().getContext().get(RUNNER);
                JobDefinition job = definitions.get(context.getJobDetail().getKey().getName());
                JobDataMap data = context.getMergedJobDataMap();
                Instant scheduledFor = data.containsKey(SCHEDULED_FOR) ? Instant.ofEpochMilli(data.getLong(SCHEDULED_FOR))
                        : (context.getScheduledFireTime() == null ? Instant.now() : context.getScheduledFireTime().toInstant());
                runner.run(job, scheduledFor);
            } catch (SchedulerException e) {
                LOG.error("job {} could not start: {}", context.getJobDetail().getKey().getName(), e.getMessage(), e);
            } catch (RuntimeException e) {
                // the cause is often what says why (a store that cannot be opened, a full disk)
                LOG.error("job {} failed: {}", context.getJobDetail().getKey().getName(), e.getMessage(), e);
            }
        }
    }

    /** Schedules every job with a cron and catches up what was missed; returns at once. */
    public void start() throws SchedulerException {
        Properties properties = new Properties();
        // Quartz keeps one scheduler per name in a process: each daemon needs its own
        properties.setProperty("org.quartz.scheduler.instanceName", "backpack-batch-" + java.util.UUID.randomUUID());
        properties.setProperty("org.quartz.threadPool.threadCount", Integer.toString(Math.max(1, Math.min(8, jobs.size()))));
        properties.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
        properties.setProperty("org.quartz.jobStore.misfireThreshold", "60000");
        properties.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        scheduler = new StdSchedulerFactory(properties).getScheduler();
        scheduler.getContext().put(DEFINITIONS, jobs);
        scheduler.getContext().put(RUNNER, runner);
        for (JobDefinition job : jobs.values()) {
            if (job.cron() == null) {
                continue;
            }
            JobDetail detail = JobBuilder.newJob(ScheduledRun.class).withIdentity(job.name()).storeDurably().build();
            scheduler.scheduleJob(detail, TriggerBuilder.newTrigger().withIdentity(job.name())
                    .withSchedule(CronScheduleBuilder.cronSchedule(job.cron()).withMisfireHandlingInstructionFireAndProceed())
                    .build());
            Instant missed = missedRun(job);
            if (missed != null) {
                LOG.info("job {}: the run of {} was missed (the daemon was not running); running it now", job.name(), missed);
                JobDataMap data = new JobDataMap();
                data.put(SCHEDULED_FOR, missed.toEpochMilli());
                scheduler.triggerJob(JobKey.jobKey(job.name()), data);
            }
        }
        scheduler.start();
    }

    /** The latest scheduled time since the job's last recorded run that has passed, if any: it runs once, not once per miss. */
    static Instant missedRun(JobDefinition job) {
        Instant last = new ScheduleLedger(job.work().store()).lastFire(job.name());
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
     * Stops: running backups and restores stop at their next chunk boundary (the next run resumes
     * them), and the scheduler waits for them up to {@code grace}.
     */
    public void stop(Duration grace) {
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
        }
    }
}
