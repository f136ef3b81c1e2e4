package org.backpackbatch.batch;

import java.util.function.Supplier;
import org.backpackbatch.store.Worklist;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.JobExecutionException;

/**
 * The one lifecycle of every backpack-batch job (a backup, a restore). A run is a job instance,
 * identified by its parameters (the snapshot, the restore run); Spring Batch's repository holds its
 * state, and starting the same instance again restarts it from where it stopped. A run killed
 * mid-way (kill -9) left its execution STARTED: it is marked failed first, so that it can be
 * restarted; an instance killed before its first execution is dropped and created again. The
 * outcome comes back as the execution (complete), {@link RunInterrupted} (stopped on request) or
 * the failure ({@link JobFailure#of}).
 */
public final class ResumableJob {

    /** How a run is named in what it says: "the backup of URL" and what a re-run does, "resume it". */
    public record Naming(String run, String next) {
    }

    private final BatchInfrastructure batch;
    private final RunningJobs running;

    public ResumableJob(BatchInfrastructure batch, RunningJobs running) {
        this.batch = batch;
        this.running = running;
    }

    /** A builder of a job that runs under this lifecycle (registered while it runs, so that it can be stopped). */
    public JobBuilder builder(String jobName) {
        return new JobBuilder(jobName, batch.repository()).listener(running.listener(batch.operator()));
    }

    public BatchInfrastructure batch() {
        return batch;
    }

    /** Whether a stop was asked, for work that checks it itself between pages. */
    public boolean stopping() {
        return running.stopping();
    }

    /**
     * Runs (or resumes) the job's instance for {@code parameters}. {@code worklist} says how far it got,
     * for the line of an interrupted run.
     */
    public JobExecution run(Job job, JobParameters parameters, Naming naming, Supplier<Worklist> worklist) {
        recoverCrashed(job.getName(), parameters);
        JobExecution execution;
        try {
            execution = batch.operator().start(job, parameters);
        } catch (JobExecutionException e) {
            throw new IllegalStateException(naming.run() + " could not start: " + e.getMessage(), e);
        }
        if (execution.getStatus() == BatchStatus.COMPLETED) {
            return execution;
        }
        if (execution.getStatus() == BatchStatus.STOPPED) {
            Worklist done = worklist.get();
            throw RunInterrupted.of(naming.run(), done.done(), done.pages(), naming.next());
        }
        throw JobFailure.of(execution, naming.run(), naming.next());
    }

    private void recoverCrashed(String jobName, JobParameters parameters) {
        JobInstance instance = batch.repository().getJobInstance(jobName, parameters);
        if (instance == null) {
            return;
        }
        JobExecution last = batch.repository().getLastJobExecution(instance);
        if (last == null) {
            batch.repository().deleteJobInstance(instance);
        } else if (last.getStatus().isRunning()) {
            batch.operator().recover(last);
        }
    }
}
