package org.backpackbatch.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.backpackbatch.schedule.JobDefinition;
import org.backpackbatch.schedule.JobFiles;
import org.backpackbatch.schedule.ScheduleDaemon;
import org.backpackbatch.store.RunningJobs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import sun.misc.Signal;

@Command(name = "schedule", mixinStandardHelpOptions = true, versionProvider = org.backpackbatch.Version.class,
        description = {"Runs as a daemon with Quartz, starting each job definition of DIR on its cron.",
                "SIGTERM stops it gracefully: a running job stops at a chunk boundary and its next run resumes it."})
final class ScheduleCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--jobs", defaultValue = "jobs", paramLabel = "DIR", description = "The job definitions, *.yml (default ${DEFAULT-VALUE}).")
    private Path jobsDir;

    @Option(names = "--once", paramLabel = "NAME", description = "Run this one job now and exit with its exit code.")
    private String once;

    @Override
    public Integer call() throws Exception {
        Map<String, JobDefinition> jobs;
        try {
            jobs = JobFiles.load(jobsDir);
        } catch (JobFiles.InvalidJobsException e) {
            int last = e.problems().size() - 1;
            e.problems().subList(0, last).forEach(problem -> spec.commandLine().getErr().println("error: " + problem));
            throw new UsageException(e.problems().get(last));
        }
        ScheduleDaemon daemon = new ScheduleDaemon(jobs);
        if (once != null) {
            try {
                return daemon.runOnce(once);
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
        }
        CountDownLatch stop = new CountDownLatch(1);
        Signal.handle(new Signal("TERM"), signal -> stop.countDown());
        Signal.handle(new Signal("INT"), signal -> stop.countDown());
        daemon.start();
        spec.commandLine().getErr().println("schedule: " + jobs.size() + " job(s) from " + jobsDir + "; SIGTERM stops");
        spec.commandLine().getErr().flush();
        stop.await();
        daemon.stop(RunningJobs.STOP_GRACE);
        return ExitCode.SUCCESS.code();
    }
}
