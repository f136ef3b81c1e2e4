package org.backpackbatch.schedule;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.ArrayList;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.backpackbatch.app.Application;
import org.backpackbatch.app.ExitCode;
import org.backpackbatch.app.ObservedRun;
import org.backpackbatch.app.RunFacts;
import org.backpackbatch.app.RunObservers;
import org.backpackbatch.backup.Backup;
import org.backpackbatch.notify.Notifier;
import org.backpackbatch.progress.Reporter;
import org.backpackbatch.restore.Restore;
import org.backpackbatch.store.Forget;
import org.backpackbatch.store.StoreLocation;
import org.backpackbatch.output.BackupOutput;
import org.backpackbatch.output.ConsoleReporter;
import org.backpackbatch.app.ErrorLine;
import org.backpackbatch.output.ExportOutput;
import org.backpackbatch.output.ForgetOutput;
import org.backpackbatch.output.RestoreOutput;
import org.backpackbatch.output.VerifyOutput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the jobs of {@code jobs/} through the application, as their commands would from the shell:
 * a job, or one account of a backup job, is a run. Daemons that share no Quartz store (on an
 * SQLite store) keep each run under a lease in its store; a run of a backup is followed by a forget
 * of its account when the job has a retention policy. Logs one entry per run: the job, its
 * account, the outcome and the time, then the run's whole report.
 */
public final class JobRunner {

    private static final Logger LOG = LoggerFactory.getLogger("schedule");
    private static final Duration RENEW_EVERY = Duration.ofSeconds(30);

    /** How runs keep from overlapping beyond this process. */
    public enum Coordination {
        /** A lease in the job's store, for daemons that share no Quartz store. */
        LEASES,
        /** Quartz's clustered job store alone: it fires each run on one node and recovers it from a dead one. */
        QUARTZ_CLUSTER
    }

    /** Identifies this daemon as the holder of leases. */
    private final String holder = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();
    private final Application application;
    private final RunObservers daemonObservers;
    private final Coordination coordination;
    /** An SQLite store has one writer: this process's backups of one store take turns instead of failing on its lock. */
    private final Map<Path, ReentrantLock> storeTurns = new ConcurrentHashMap<>();

    /** {@code daemonObservers} hear of every run (the daemon's metrics), beside each job's own. */
    public JobRunner(Application application, RunObservers daemonObservers, Coordination coordination) {
        this.application = application;
        this.daemonObservers = daemonObservers;
        this.coordination = coordination;
    }

    /** What names this daemon where it holds a run: its process and host, and a random part. */
    public String holder() {
        return holder;
    }

    /**
     * Runs the whole job now ({@code schedule --once}): its one run, or a backup's accounts, at most
     * max-parallel at once, without the spread. Its exit code is an interruption's, else the first
     * failure's in the order of the accounts, else 0.
     */
    public int runNow(JobDefinition job) {
        List<JobDefinition> runs = job.runs();
        Instant now = Instant.now();
        if (runs.size() == 1) {
            return run(runs.get(0), now);
        }
        int parallel = Math.min(runs.size(), ((JobWork.Backup) job.work()).maxParallel());
        ExecutorService accounts = Executors.newFixedThreadPool(parallel, runnable -> {
            Thread thread = new Thread(runnable, "once-" + job.name());
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<Integer>> codes = runs.stream().map(run -> accounts.submit(() ->
                    application.runningJobs().stopping() ? ExitCode.INTERRUPTED.code() : run(run, now))).toList();
            List<Integer> outcomes = new ArrayList<>();
            for (Future<Integer> code : codes) {
                outcomes.add(code.get());
            }
            return outcomes.contains(ExitCode.INTERRUPTED.code()) ? ExitCode.INTERRUPTED.code()
                    : outcomes.stream().filter(code -> code != 0).findFirst().orElse(0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCode.INTERRUPTED.code();
        } catch (ExecutionException e) {
            throw new IllegalStateException("a run of " + job.name() + " failed outside its job: " + e.getCause().getMessage(), e.getCause());
        } finally {
            accounts.shutdownNow();
        }
    }

    /** Runs one run of a job ({@link JobDefinition#runs()}) now, for the time it was scheduled for; returns its exit code. */
    public int run(JobDefinition job, Instant scheduledFor) {
        long start = System.nanoTime();
        // this process's runs on an SQLite store take turns, its lease rows included: one writer, and one Flyway at its creation
        ReentrantLock turn = job.work().store() instanceof StoreLocation.SqliteFile sqlite
                ? storeTurns.computeIfAbsent(sqlite.file().toAbsolutePath().normalize(), file -> new ReentrantLock(true)) : null;
        try {
            if (turn != null) {
                turn.lockInterruptibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log(job, ExitCode.INTERRUPTED, "stopped before it started", "", Duration.ofNanos(System.nanoTime() - start));
            return ExitCode.INTERRUPTED.code();
        }
        try {
            return runInTurn(job, scheduledFor, start);
        } finally {
            if (turn != null) {
                turn.unlock();
            }
        }
    }

    private int runInTurn(JobDefinition job, Instant scheduledFor, long start) {
        ScheduleLedger ledger = coordination == Coordination.LEASES ? new ScheduleLedger(job.work().store()) : null;
        if (ledger != null && !ledger.acquire(job.runKey(), job.work().account(), holder)) {
            LOG.info("job {}: skipped, another daemon is running it on {}", job.runKey(), job.work().store());
            return 0;
        }
        ScheduledExecutorService renewals = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "lease-" + job.name());
            thread.setDaemon(true);
            return thread;
        });
        if (ledger != null) {
            renewals.scheduleAtFixedRate(() -> ledger.renew(job.runKey(), holder), RENEW_EVERY.toSeconds(), RENEW_EVERY.toSeconds(),
                    TimeUnit.SECONDS);
        }
        StringWriter report = new StringWriter();
        PrintWriter out = new PrintWriter(report, true);
        ExitCode exitCode = ExitCode.SUCCESS;
        String error = null;
        ConsoleReporter warnings = new ConsoleReporter(out, ConsoleReporter.Mode.NONE);
        // the job's own observers close after the run; the daemon's (its metrics endpoint) serve on
        try (RunObservers observers = jobObservers(job).beside(daemonObservers)) {
            observers.run(job.name(), job.work().operation(), job.work().account(), warnings, reporter -> work(job.work(), out, reporter),
                    facts -> facts);
        } catch (RuntimeException failure) {
            exitCode = ExitCode.of(failure);
            error = ErrorLine.of(failure);
        } finally {
            renewals.shutdownNow();
            if (ledger != null) {
                ledger.release(job.runKey(), holder, scheduledFor, job.nextStart(Instant.now()));
            }
        }
        log(job, exitCode, error, report.toString(), Duration.ofNanos(System.nanoTime() - start));
        return exitCode.code();
    }

    /** A job's own observers: its {@code notify:} targets, and its notify-url and metrics-file options. */
    private static RunObservers jobObservers(JobDefinition job) {
        RunObservers own = job.unattended().observers();
        if (job.notifications().isEmpty()) {
            return own;
        }
        Notifier notifier = new Notifier(job.notifications());
        return own.and(new RunObservers(List.of(notifier.observer()), List.of(notifier)));
    }

    /** Runs the job's work, writing its report to {@code out}; returns what its summary says of it. */
    private ObservedRun.Facts work(JobWork work, PrintWriter out, Reporter reporter) {
        if (work instanceof JobWork.Backup backup) {
            Backup.Result result = application.backup(backup.request(), reporter);
            BackupOutput.text(out, result);
            if (backup.forget() != null) {
                ForgetOutput.text(out, application.forget(backup.forget()));
            }
            return RunFacts.of(result);
        }
        if (work instanceof JobWork.Restore restore) {
            Restore.Result result = application.restore(restore.request(), reporter);
            RestoreOutput.text(out, result);
            return RunFacts.of(result);
        }
        if (work instanceof JobWork.Export export) {
            Path dated = Path.of(export.request().out().toString().replace("{date}", LocalDate.now(ZoneOffset.UTC).toString()));
            Application.ExportResult result = application.export(export.request().withOut(dated));
            ExportOutput.text(out, result);
            return RunFacts.of(result);
        }
        if (work instanceof JobWork.Verify verify) {
            Application.VerifyResult result = application.verify(verify.request(), out::println);
            VerifyOutput.text(out, verify.request().store(), verify.request().snapshot(), result);
            return ObservedRun.Facts.NONE;
        }
        Forget.Result result = application.forget(((JobWork.Forget) work).request());
        ForgetOutput.text(out, result);
        return RunFacts.of(result);
    }

    /**
     * One entry per run: a first line with the job, its account, the outcome and the time taken,
     * then the run's whole report (a restore's list of what it could not restore included). A
     * failed run is an error, and its first line carries the run's error line.
     */
    private static void log(JobDefinition job, ExitCode exitCode, String error, String output, Duration took) {
        List<String> lines = output.lines().filter(line -> !line.isBlank()).toList();
        StringBuilder report = new StringBuilder();
        lines.forEach(line -> report.append("\n  ").append(line));
        String account = job.work().account();
        String headline = "job " + job.name() + " (" + job.work().type() + ") account " + (account == null ? "-" : account) + ": ";
        String seconds = String.format(Locale.ROOT, "%.1f s", took.toNanos() / 1e9);
        if (exitCode == ExitCode.SUCCESS) {
            LOG.info("{}ok, {}{}", headline, seconds, report);
        } else if (exitCode == ExitCode.INTERRUPTED) {
            // stopped with the daemon: the next run resumes it
            LOG.warn("{}interrupted, {}: {}{}", headline, seconds, error, report);
        } else {
            LOG.error("{}failed with exit {}, {}: error: {}{}", headline, exitCode.code(), seconds, error, report);
        }
    }
}
