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
 * its store, then (for a backup with a retention policy) {@code forget}; logs one line per run.
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
        String summary = String.join("; ", output.toString().lines().map(String::strip).filter(line -> !line.isEmpty())
                .limit(3).toList());
        LOG.info("job {} ({}) account {}: {}; {} s; {}", job.name(), job.type(), job.account() == null ? "-" : job.account(),
                summary.isEmpty() ? "no output" : summary, String.format("%.1f", (System.nanoTime() - start) / 1e9),
                exitCode == 0 ? "ok" : "failed with exit " + exitCode);
        return exitCode;
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
