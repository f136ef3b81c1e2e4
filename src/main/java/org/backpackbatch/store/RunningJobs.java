package org.backpackbatch.store;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;

/**
 * The Spring Batch jobs running in this process, so that a daemon told to stop (SIGTERM), or a
 * command given SIGINT or SIGTERM, can ask each to stop at its next chunk boundary: a stopped job
 * is restarted by its next run.
 */
public final class RunningJobs {

    /** How long a stop waits for running jobs to reach a chunk boundary. */
    public static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private static final Map<JobExecution, JobOperator> RUNNING = new ConcurrentHashMap<>();
    private static volatile boolean stopping;

    private RunningJobs() {
    }

    /** Registers every execution of the job it listens to while it runs. */
    public static JobExecutionListener listener(JobOperator operator) {
        return new JobExecutionListener() {
            @Override
            public void beforeJob(JobExecution execution) {
                RUNNING.put(execution, operator);
                if (stopping) {
                    stop(execution, operator);
                }
            }

            @Override
            public void afterJob(JobExecution execution) {
                RUNNING.remove(execution);
            }
        };
    }

    /**
     * Makes a run killed mid-way (kill -9) restartable: its execution, left STARTED, is marked
     * failed; an instance left without any execution (killed between the two inserts that start
     * a job) is deleted, so that the next start creates it again.
     */
    public static void recoverCrashed(JobRepository repository, JobOperator operator, String jobName, JobParameters parameters) {
        JobInstance instance = repository.getJobInstance(jobName, parameters);
        if (instance == null) {
            return;
        }
        JobExecution last = repository.getLastJobExecution(instance);
        if (last == null) {
            repository.deleteJobInstance(instance);
        } else if (last.getStatus().isRunning()) {
            operator.recover(last);
        }
    }

    /** Asks every running job to stop, and every job started from now on. */
    public static void stopAll() {
        stopping = true;
        RUNNING.forEach(RunningJobs::stop);
    }

    /** The stop is over (the scheduler has shut down): jobs run normally again in this process. */
    public static void stopped() {
        stopping = false;
    }

    public static boolean stopping() {
        return stopping;
    }

    private static void stop(JobExecution execution, JobOperator operator) {
        try {
            operator.stop(execution);
        } catch (Exception alreadyEnding) {
            // it finished between the look-up and the request
        }
    }
}
