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
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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
 * Runs one job of {@code jobs/} through the application, as its command would from the shell,
 * under the job's lease in its store, then (for a backup with a retention policy) forget; logs one
 * entry per run: the job, its account, the outcome and the time, then the run's whole report.
 */
public final class JobRunner {

    private static final Logger LOG = LoggerFactory.getLogger("schedule");
    private static final Duration RENEW_EVERY = Duration.ofSeconds(30);

    /** Identifies this daemon as the holder of leases. */
    private final String holder = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();
    private final Application application;
    private final RunObservers daemonObservers;

    /** {@code daemonObservers} hear of every run (the daemon's metrics), beside each job's own. */
    public JobRunner(Application application, RunObservers daemonObservers) {
        this.application = application;
        this.daemonObservers = daemonObservers;
    }

    /** Runs the job now, for the run scheduled at {@code scheduledFor}; returns its exit code. */
    public int run(JobDefinition job, Instant scheduledFor) {
        long start = System.nanoTime();
        ScheduleLedger ledger = new ScheduleLedger(job.work().store());
        if (!ledger.acquire(job.name(), holder)) {
            LOG.info("job {}: skipped, another daemon is running it on {}", job.name(), job.work().store());
            return 0;
        }
        ScheduledExecutorService renewals = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "lease-" + job.name());
            thread.setDaemon(true);
            return thread;
        });
        renewals.scheduleAtFixedRate(() -> ledger.renew(job.name(), holder), RENEW_EVERY.toSeconds(), RENEW_EVERY.toSeconds(), TimeUnit.SECONDS);
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
            ledger.release(job.name(), holder, scheduledFor);
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
            if (backup.retention() != null) {
                ForgetOutput.text(out, application.forget(backup.retention()));
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
