package org.backpackbatch.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import java.net.InetSocketAddress;
import org.backpackbatch.app.RunObservers;
import org.backpackbatch.app.UsageException;
import org.backpackbatch.schedule.DaemonMetrics;
import org.backpackbatch.batch.RunningJobs;
import org.backpackbatch.schedule.JobDefinition;
import org.backpackbatch.schedule.JobFiles;
import org.backpackbatch.schedule.JobRunner;
import org.backpackbatch.schedule.ScheduleDaemon;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "schedule",
        description = {"Runs as a daemon with Quartz, starting each job definition of DIR on its cron.",
                "SIGTERM or SIGINT stops it gracefully: a running job stops at a chunk boundary and its next run resumes it;"
                        + " the daemon then exits 143 or 130, as every command does on those signals."})
final class ScheduleCommand implements Callable<Integer>, GracefulStop {

    @Spec
    private CommandSpec spec;

    @ParentCommand
    private BackpackBatch program;

    @Option(names = "--jobs", defaultValue = "jobs", paramLabel = "DIR", description = "The job definitions, *.yml (default ${DEFAULT-VALUE}).")
    private Path jobsDir;

    @Option(names = "--once", paramLabel = "NAME", description = "Run this one job now and exit with its exit code.")
    private String once;

    @Option(names = "--metrics-port", paramLabel = "PORT",
            description = "Serve the runs' metrics for Prometheus at http://ADDRESS:PORT/metrics (0: any free port).")
    private Integer metricsPort;

    @Option(names = "--metrics-address", defaultValue = "127.0.0.1", paramLabel = "ADDRESS",
            description = "The address --metrics-port listens on (default ${DEFAULT-VALUE}: this machine only).")
    private String metricsAddress;

    private final CountDownLatch stop = new CountDownLatch(1);

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        if (once != null) {
            JobDefinition job = load(() -> JobFiles.loadOne(jobsDir, once, problem -> err.println("warning: " + problem)));
            return new JobRunner(program.application(), RunObservers.NONE, JobRunner.Coordination.LEASES).runNow(job);
        }
        Map<String, JobDefinition> jobs = load(() -> JobFiles.load(jobsDir));
        try (RunObservers metrics = metricsPort == null ? RunObservers.NONE : serveMetrics(jobs)) {
            ScheduleDaemon daemon = ScheduleDaemon.of(jobs, program.application(), metrics);
            daemon.start();
            err.println("schedule: " + (daemon.node() == null ? "" : "node " + daemon.node() + " of the cluster; ") + jobs.size()
                    + " job(s) from " + jobsDir + "; SIGTERM stops");
            err.flush();
            stop.await();
            daemon.stop(RunningJobs.STOP_GRACE);
        }
        return 0;
    }

    private RunObservers serveMetrics(Map<String, JobDefinition> jobs) {
        InetSocketAddress address = new InetSocketAddress(metricsAddress, metricsPort);
        if (address.isUnresolved() || metricsPort < 0 || metricsPort > 65535) {
            throw new UsageException("--metrics-address " + metricsAddress + " --metrics-port " + metricsPort + " is not an address to listen on");
        }
        DaemonMetrics.Served served;
        try {
            served = DaemonMetrics.serve(address, jobs);
        } catch (java.io.UncheckedIOException e) {
            throw new UsageException(e.getMessage());
        }
        spec.commandLine().getErr().println("schedule: metrics at http://" + metricsAddress + ":" + served.address().getPort() + "/metrics");
        return served.observers();
    }

    @Override
    public void stopGracefully() {
        program.application().runningJobs().stopAll();
        stop.countDown();
    }

    /** Every problem of the job files on its own line; the last one is the exit's error line. */
    private <T> T load(Supplier<T> loading) {
        try {
            return loading.get();
        } catch (JobFiles.InvalidJobsException e) {
            int last = e.problems().size() - 1;
            e.problems().subList(0, last).forEach(problem -> spec.commandLine().getErr().println("error: " + problem));
            throw new UsageException(e.problems().get(last));
        }
    }
}
