package org.backpackbatch.backup;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.backpackbatch.api.BackpackClient;
import org.backpackbatch.batch.ResumableJob;
import org.backpackbatch.progress.Reporter;
import org.backpackbatch.progress.WorklistProgress;
import org.backpackbatch.store.Include;
import org.backpackbatch.store.Snapshot;
import org.backpackbatch.store.SnapshotStore;
import org.backpackbatch.store.SnapshotStore.PendingUnit;
import org.backpackbatch.store.Store;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The backup job: one snapshot of an account. Steps: list the work (pages/all, and a unit for each
 * of the account's own resources the snapshot includes: the worklist), fetch and store it in chunks
 * (several units in flight, fetched while the one writer stores the chunk before), complete the snapshot. A failed, interrupted or killed run
 * is resumed by the next one ({@link ResumableJob}): same snapshot, same job instance, only the
 * units not yet stored. A failed fetch costs only its own unit: the units fetched beside it are
 * stored, no more are fetched, and the run fails with that fetch's failure before the snapshot
 * could complete.
 */
public final class Backup {

    /** The completed snapshot, whether this run resumed an interrupted one, and what it cost. */
    public record Result(Snapshot snapshot, boolean resumed, long requests, Duration elapsed) {
    }

    private Backup() {
    }

    /**
     * Takes (or resumes) the account's snapshot. A resumed snapshot keeps what it was started to
     * include; {@code include} is for a new one.
     */
    public static Result run(Store store, ResumableJob lifecycle, BackpackClient client, Include include, int workers, Reporter reporter) {
        SnapshotStore snapshots = store.snapshots();
        String account = client.account().toString();
        long startNanos = System.nanoTime();
        Optional<Snapshot> unfinished = snapshots.unfinished(account);
        Snapshot snapshot = unfinished.orElseGet(() -> snapshots.begin(account, include, Snapshot.Origin.BACKUP));
        reporter.snapshot(snapshot.id());
        JobParameters parameters = new JobParametersBuilder()
                .addLong("snapshot", snapshot.id())
                .addString("account", account, false)
                .toJobParameters();
        WorklistProgress progress = WorklistProgress.of("backup", reporter, client);
        ThreadPoolTaskExecutor fetchers = fetchers(workers);
        boolean completed = false;
        try {
            Job job = job(store, lifecycle, client, snapshot.id(), snapshot.include(), workers, fetchers, progress);
            lifecycle.run(job, parameters, new ResumableJob.Naming("snapshot " + snapshot.id() + " of " + account, "resume it"),
                    () -> snapshots.worklist(snapshot.id()));
            completed = true;
        } finally {
            fetchers.shutdown();
            progress.finish();
            if (!completed) {
                // a run that did not complete spent requests all the same: the snapshot's total stays true across resumes
                snapshots.addRequests(snapshot.id(), client.requestsSent());
            }
        }
        return new Result(snapshots.snapshot(snapshot.id()), unfinished.isPresent(), client.requestsSent(),
                Duration.ofNanos(System.nanoTime() - startNanos));
    }

    private static Job job(Store store, ResumableJob lifecycle, BackpackClient client, long snapshotId, Include include, int workers,
            ThreadPoolTaskExecutor fetchers, WorklistProgress progress) {
        JobRepository repository = lifecycle.batch().repository();
        PlatformTransactionManager transactions = store.transactionManager();
        SnapshotStore snapshots = store.snapshots();
        FirstFetchFailure fetchFailure = new FirstFetchFailure();
        Step listPages = new StepBuilder("listPages", repository)
                .tasklet((contribution, context) -> {
                    snapshots.recordWorklist(snapshotId, client.pages(), include);
                    return RepeatStatus.FINISHED;
                }, transactions)
                .build();
        int chunk = chunk(workers);
        FetchingUnitReader units = new FetchingUnitReader(snapshots, snapshotId, new UnitFetcher(client, include), fetchFailure, fetchers, chunk);
        Step fetchPages = new StepBuilder("fetchPages", repository)
                .<FetchedUnit, FetchedUnit>chunk(chunk)
                .transactionManager(transactions)
                // a run that stopped at a failed fetch has this step complete with units left: a re-run fetches them
                .allowStartIfComplete(true)
                .reader(units)
                .writer(new UnitRecorder(snapshots, snapshotId, fetchFailure, progress))
                .listener(new StepExecutionListener() {
                    @Override
                    public void beforeStep(StepExecution stepExecution) {
                        var worklist = snapshots.worklist(snapshotId);
                        progress.start(worklist.pages(), worklist.done());
                    }
                })
                .build();
        Step complete = new StepBuilder("completeSnapshot", repository)
                .tasklet((contribution, context) -> {
                    fetchFailure.rethrow();
                    List<PendingUnit> missing = snapshots.pendingUnits(snapshotId);
                    if (!missing.isEmpty()) {
                        throw new IllegalStateException(missing.size() + " units of snapshot " + snapshotId + " are not stored yet");
                    }
                    snapshots.complete(snapshotId, client.requestsSent());
                    return RepeatStatus.FINISHED;
                }, transactions)
                .build();
        return lifecycle.builder(SnapshotStore.BACKUP_JOB).start(listPages).next(fetchPages).next(complete).build();
    }

    /** Units stored in one transaction. */
    static int chunk(int workers) {
        return Math.max(10, workers * 4);
    }

    /** Units at most fetched (or in flight) and not yet committed: the chunk being stored and the next one. */
    static int fetchedAhead(int workers) {
        return 2 * chunk(workers);
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
