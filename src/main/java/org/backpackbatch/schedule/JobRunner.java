package org.backpackbatch.schedule;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.backpackbatch.cli.BackpackBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one job of {@code jobs/} as its command would run from the shell, under the job's lease in
 * its store, then (for a backup with a retention policy) {@code forget}; logs one entry per run.
 */
public final class JobRunner {

    private static final Logger LOG = LoggerFactory.getLogger("schedule");
    private static final Duration RENEW_EVERY = Duration.ofSeconds(30);

    /** Identifies this daemon as the holder of leases. */
    private final String holder = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();

    /** Runs the job now, for the run scheduled at {@code scheduledFor}; returns the command's exit code. */
    public int run(JobDefinition job, Instant scheduledFor) {
        long start = System.nanoTime();
        ScheduleLedger ledger = new ScheduleLedger(Path.of(job.db()));
        if (!ledger.acquire(job.name(), holder)) {
            LOG.info("job {}: skipped, another daemon is running it on {}", job.name(), job.db());
            return 0;
        }
        ScheduledExecutorService renewals = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "lease-" + job.name());
            thread.setDaemon(true);
            return thread;
        });
        renewals.scheduleAtFixedRate(() -> ledger.renew(job.name(), holder), RENEW_EVERY.toSeconds(), RENEW_EVERY.toSeconds(), TimeUnit.SECONDS);
        StringWriter output = new StringWriter();
        int exitCode;
        try {
            exitCode = command(job.type(), job, output);
            if (exitCode == 0 && "backup".equals(job.type()) && !job.retention().isEmpty()) {
                exitCode = command("forget", job, output);
            }
        } finally {
            renewals.shutdownNow();
            ledger.release(job.name(), holder, scheduledFor);
        }
        log(job, exitCode, output.toString(), Duration.ofNanos(System.nanoTime() - start));
        return exitCode;
    }

    /**
     * One entry per run: a first line with the job, its account, the outcome and the time taken,
     * then the command's whole report (a restore's list of what it could not restore included).
     * A failed run is an error, and its first line carries the command's error line.
     */
    private static void log(JobDefinition job, int exitCode, String output, Duration took) {
        List<String> lines = output.lines().filter(line -> !line.isBlank()).toList();
        List<String> errors = lines.stream().filter(line -> line.startsWith("error:")).toList();
        StringBuilder report = new StringBuilder();
        lines.stream().filter(line -> !errors.contains(line)).forEach(line -> report.append("\n  ").append(line));
        String headline = "job " + job.name() + " (" + job.type() + ") account " + (job.account() == null ? "-" : job.account()) + ": ";
        String seconds = String.format(Locale.ROOT, "%.1f s", took.toNanos() / 1e9);
        if (exitCode == 0) {
            LOG.info("{}ok, {}{}", headline, seconds, report);
        } else {
            String reason = errors.isEmpty() ? "no error line" : String.join("; ", errors);
            LOG.error("{}failed with exit {}, {}: {}{}", headline, exitCode, seconds, reason, report);
        }
    }

    private static int command(String command, JobDefinition job, StringWriter output) {
        List<String> args = new ArrayList<>(List.of(command));
        if ("forget".equals(command) && "backup".equals(job.type())) {
            args.addAll(List.of("--db", job.db()));
            job.retention().forEach((key, value) -> args.addAll(List.of("--" + key, value)));
        } else {
            for (Map.Entry<String, List<String>> option : job.options().entrySet()) {
                for (String value : option.getValue()) {
                    if (value.equals("true") || value.equals("false")) {
                        if (value.equals("true")) {
                            args.add("--" + option.getKey());
                        }
                    } else {
                        args.addAll(List.of("--" + option.getKey(), dated(value)));
                    }
                }
            }
            if (command.equals("backup")) {
                args.addAll(List.of("--progress", "none"));
            }
        }
        PrintWriter out = new PrintWriter(output, true);
        return BackpackBatch.execute(out, out, args.toArray(String[]::new));
    }

    /** {@code {date}} in an option (an export's file name) becomes the run's date, so weekly exports do not overwrite. */
    private static String dated(String value) {
        return value.replace("{date}", LocalDate.now(ZoneOffset.UTC).toString());
    }
}
