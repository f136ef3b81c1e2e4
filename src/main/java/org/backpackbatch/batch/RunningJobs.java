package org.backpackbatch.batch;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.listener.JobExecutionListener;

/**
 * The jobs running in this process, so that a daemon told to stop, or a command given SIGINT or
 * SIGTERM, can ask each to stop at its next chunk boundary: a stopped job is restarted by its
 * next run. One per process, owned by the application.
 */
public final class RunningJobs {

    /** How long a stop waits for running jobs to reach a chunk boundary. */
    public static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private final Map<JobExecution, JobOperator> running = new ConcurrentHashMap<>();
    private volatile boolean stopping;

    /** Registers every execution of the job it listens to while it runs. */
    JobExecutionListener listener(JobOperator operator) {
        return new JobExecutionListener() {
            @Override
            public void beforeJob(JobExecution execution) {
                running.put(execution, operator);
                if (stopping) {
                    stop(execution, operator);
                }
            }

            @Override
            public void afterJob(JobExecution execution) {
                running.remove(execution);
            }
        };
    }

    /** Asks every running job to stop, and every job started from now on. */
    public void stopAll() {
        stopping = true;
        running.forEach(RunningJobs::stop);
    }

    /** The stop is over (the scheduler has shut down): jobs run normally again in this process. */
    public void stopped() {
        stopping = false;
    }

    /** Whether a stop was asked: work that is not a chunk step (a restore's replay) checks it between pages. */
    public boolean stopping() {
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
