package org.backpackbatch.backup;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.backpackbatch.api.BackpackClient;
import org.backpackbatch.store.SnapshotStore;
import org.backpackbatch.store.SnapshotStore.PendingPage;
import org.backpackbatch.store.Snapshot;
import org.backpackbatch.store.JobFailure;
import org.backpackbatch.store.RunInterrupted;
import org.backpackbatch.store.RunningJobs;
import org.backpackbatch.store.StoreSession;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The backup job: one snapshot of an account, as a Spring Batch job on the store's own job
 * repository. Steps: list the pages (pages/all, the worklist), fetch and store them in chunks
 * (several pages in flight, one writer), complete the snapshot. A failed, interrupted or killed
 * run is resumed by the next one: same snapshot, same job instance, only the pages not yet stored.
 * A failed fetch costs only its own page: the pages fetched beside it are stored, no more are
 * fetched, and the run fails with that fetch's failure before the snapshot could complete.
 */
public final class Backup {

    static final String JOB_NAME = "backup";

    /** What to back up and how. */
    public record Options(Include include, int workers, BackupProgress.Mode progress) {
    }

    /** The completed snapshot, whether this run resumed an interrupted one, and what it cost. */
    public record Result(Snapshot snapshot, boolean resumed, long requests, Duration elapsed) {
    }

    private Backup() {
    }

    public static Result run(StoreSession session, BackpackClient client, Options options, PrintStream progressOut) {
        SnapshotStore store = session.snapshots();
        String account = client.account().toString();
        long startNanos = System.nanoTime();
        Optional<Snapshot> unfinished = store.unfinished(account);
        Snapshot snapshot = unfinished.orElseGet(() -> store.begin(account, options.include().storedName(), "backup"));
        JobParameters parameters = new JobParametersBuilder()
                .addLong("snapshot", snapshot.id())
                .addString("account", account, false)
                .toJobParameters();
        recoverCrashedRun(session, parameters);
        store.markRunning(snapshot.id());

        Include include = unfinished.map(s -> Include.parse(s.include())).orElse(options.include());
        BackupProgress progress = new BackupProgress(options.progress(), progressOut, client);
        ThreadPoolTaskExecutor fetchers = fetchers(options.workers());
        JobExecution execution;
        try {
            Job job = job(session, client, snapshot.id(), include, options.workers(), fetchers, progress);
            execution = session.jobOperator().start(job, parameters);
        } catch (RuntimeException e) {
            store.markFailed(snapshot.id());
            throw e;
        } catch (Exception e) {
            store.markFailed(snapshot.id());
            throw new IllegalStateException("the backup job could not start: " + e.getMessage(), e);
        } finally {
            fetchers.shutdown();
            progress.finish();
        }
        if (execution.getStatus() != BatchStatus.COMPLETED) {
            store.addRequests(snapshot.id(), client.requestsSent());
            if (execution.getStatus() == BatchStatus.STOPPED) {
                store.markInterrupted(snapshot.id());
                long[] worklist = store.worklistProgress(snapshot.id());
                throw RunInterrupted.of("snapshot " + snapshot.id() + " of " + account, worklist[1], worklist[0], "resume it");
            }
            store.markFailed(snapshot.id());
            throw JobFailure.of(execution, "the backup of " + account, "resume it");
        }
        return new Result(store.snapshot(snapshot.id()), unfinished.isPresent(), client.requestsSent(),
                Duration.ofNanos(System.nanoTime() - startNanos));
    }

    /** A run killed mid-way leaves its execution STARTED; mark it failed so that it can be restarted. */
    private static void recoverCrashedRun(StoreSession session, JobParameters parameters) {
        RunningJobs.recoverCrashed(session.jobRepository(), session.jobOperator(), JOB_NAME, parameters);
    }

    private static Job job(StoreSession session, BackpackClient client, long snapshotId, Include include, int workers,
            ThreadPoolTaskExecutor fetchers, BackupProgress progress) {
        JobRepository repository = session.jobRepository();
        PlatformTransactionManager transactions = session.transactionManager();
        SnapshotStore store = session.snapshots();
        FirstFetchFailure fetchFailure = new FirstFetchFailure();
        Step listPages = new StepBuilder("listPages", repository)
                .tasklet((contribution, context) -> {
                    store.recordPageList(snapshotId, client.pages());
                    return RepeatStatus.FINISHED;
                }, transactions)
                .build();
        Step fetchPages = new StepBuilder("fetchPages", repository)
                .<PendingPage, FetchedPage>chunk(Math.max(10, workers * 4))
                .transactionManager(transactions)
                // a run that stopped at a failed fetch has this step complete with pages left: a re-run fetches them
                .allowStartIfComplete(true)
                .reader(new PendingPageReader(store, snapshotId, fetchFailure))
                .processor(new PageFetcher(client, include))
                .writer(new PageRecorder(store, snapshotId, fetchFailure))
                .taskExecutor(fetchers)
                .listener(progress)
                .listener(new org.springframework.batch.core.listener.StepExecutionListener() {
                    @Override
                    public void beforeStep(org.springframework.batch.core.step.StepExecution stepExecution) {
                        long[] worklist = store.worklistProgress(snapshotId);
                        progress.start(worklist[0], worklist[1]);
                    }
                })
                .build();
        Step complete = new StepBuilder("completeSnapshot", repository)
                .tasklet((contribution, context) -> {
                    fetchFailure.rethrow();
                    List<PendingPage> missing = store.pendingPages(snapshotId);
                    if (!missing.isEmpty()) {
                        throw new IllegalStateException(missing.size() + " pages of snapshot " + snapshotId + " are not stored yet");
                    }
                    store.complete(snapshotId, client.requestsSent());
                    return RepeatStatus.FINISHED;
                }, transactions)
                .build();
        return new JobBuilder(JOB_NAME, repository).listener(RunningJobs.listener(session.jobOperator()))
                .start(listPages).next(fetchPages).next(complete).build();
    }

    private static ThreadPoolTaskExecutor fetchers(int workers) {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setCorePoolSize(workers);
        executor.setMaxPoolSize(workers);
        executor.setThreadNamePrefix("fetch-");
        executor.setDaemon(true);
        executor.initialize();
        return executor;
    }
}
