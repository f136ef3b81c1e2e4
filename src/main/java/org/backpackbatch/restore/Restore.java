package org.backpackbatch.restore;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.backpackbatch.api.BackpackClient;
import org.backpackbatch.store.PageRecords.StoredPage;
import org.backpackbatch.store.Snapshot;
import org.backpackbatch.store.SnapshotStore;
import org.backpackbatch.store.JobFailure;
import org.backpackbatch.store.RunInterrupted;
import org.backpackbatch.store.RunningJobs;
import org.backpackbatch.store.StoreSession;
import org.backpackbatch.store.WorklistProgress;
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
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.interceptor.DefaultTransactionAttribute;

/**
 * The restore job: replays a snapshot into an account through the create endpoints, as a Spring
 * Batch job on the store's job repository. Steps: plan (what still exists in the target, the
 * worklist), replay (pages on several workers, every create recorded in the id map as it
 * happens), finish. Interrupted, it is resumed by the same command and never creates twice.
 */
public final class Restore {

    static final String JOB_NAME = "restore";

    /** What to restore and how. */
    public record Options(List<Long> pages, boolean includeFriends, boolean emailsAsNotes, int workers, PrintStream progress) {
    }

    /** What a run did: requests sent by kind, what could not be restored, and whether it resumed. */
    public record Result(Snapshot snapshot, boolean sameAccount, boolean resumed, RestoreTally sent, RestoreTally planned,
            List<String> unrestorable, long requests, Duration elapsed) {
    }

    private Restore() {
    }

    /** The plan only: what a restore would send, by kind. Reads the target when it is the snapshot's own account. */
    public static Result dryRun(StoreSession session, BackpackClient target, Snapshot snapshot, Options options) {
        boolean sameAccount = sameAccount(snapshot, target);
        long targetAccountId = session.snapshots().accountId(target.account().toString());
        RestoreLedger ledger = new RestoreLedger(session.jdbc());
        RestorePlan plan = RestorePlan.make(session.snapshots(), snapshot.id(), options.pages(), options.includeFriends(), target,
                sameAccount, ledger, targetAccountId);
        RestoreTally planned = plan.requests(ledger, targetAccountId, options.emailsAsNotes());
        return new Result(snapshot, sameAccount, false, new RestoreTally(), planned, plan.notRestored(options.emailsAsNotes()),
                target.requestsSent(), Duration.ZERO);
    }

    public static Result run(StoreSession session, BackpackClient target, Snapshot snapshot, Options options) {
        long startNanos = System.nanoTime();
        SnapshotStore store = session.snapshots();
        RestoreLedger ledger = new RestoreLedger(session.jdbc());
        boolean sameAccount = sameAccount(snapshot, target);
        long targetAccountId = store.accountId(target.account().toString());
        var unfinished = ledger.unfinished(snapshot.id(), targetAccountId);
        RestoreLedger.Run run = unfinished.orElseGet(() -> ledger.begin(snapshot.id(), targetAccountId, sameAccount));
        ledger.setStatus(run.id(), "running");

        RestorePlan plan;
        try {
            plan = RestorePlan.make(store, snapshot.id(), options.pages(), options.includeFriends(), target, sameAccount,
                    ledger, targetAccountId);
        } catch (RuntimeException e) {
            ledger.setStatus(run.id(), "failed");
            throw e;
        }
        RestoreTally planned = plan.requests(ledger, targetAccountId, options.emailsAsNotes());
        RestoreTally sent = new RestoreTally();
        sent.add(RestoreTally.Request.READS, plan.reads());
        JobParameters parameters = new JobParametersBuilder()
                .addLong("restore", run.id())
                .addLong("snapshot", snapshot.id(), false)
                .addString("target", target.account().toString(), false)
                .toJobParameters();
        RunningJobs.recoverCrashed(session.jobRepository(), session.jobOperator(), JOB_NAME, parameters);
        JobExecution execution;
        try {
            execution = session.jobOperator().start(job(session, target, ledger, run, plan, options, sent), parameters);
        } catch (RuntimeException e) {
            ledger.setStatus(run.id(), "failed");
            throw e;
        } catch (Exception e) {
            ledger.setStatus(run.id(), "failed");
            throw new IllegalStateException("the restore job could not start: " + e.getMessage(), e);
        }
        ledger.addRequests(run.id(), target.requestsSent());
        if (execution.getStatus() == BatchStatus.STOPPED) {
            ledger.setStatus(run.id(), "interrupted");
            long[] worklist = ledger.worklistProgress(run.id());
            throw RunInterrupted.of("the restore of snapshot " + snapshot.id() + " into " + target.account(), worklist[1], worklist[0],
                    "continue it");
        }
        if (execution.getStatus() != BatchStatus.COMPLETED) {
            ledger.setStatus(run.id(), "failed");
            throw JobFailure.of(execution, "the restore into " + target.account(), "continue it");
        }
        List<String> unrestorable = new ArrayList<>(plan.leftOut());
        ledger.report(run.id()).forEach(part -> unrestorable.add(part.line()));
        return new Result(snapshot, sameAccount, unfinished.isPresent(), sent, planned, unrestorable, target.requestsSent(),
                Duration.ofNanos(System.nanoTime() - startNanos));
    }

    private static boolean sameAccount(Snapshot snapshot, BackpackClient target) {
        return snapshot.account().equals(target.account().toString());
    }

    private static Job job(StoreSession session, BackpackClient target, RestoreLedger ledger, RestoreLedger.Run run,
            RestorePlan plan, Options options, RestoreTally sent) {
        JobRepository repository = session.jobRepository();
        DefaultTransactionAttribute noTransaction = new DefaultTransactionAttribute(TransactionDefinition.PROPAGATION_NOT_SUPPORTED);
        Step planStep = new StepBuilder("plan", repository)
                .tasklet((contribution, context) -> {
                    if (ledger.worklistProgress(run.id())[0] == 0) {
                        plan.settleIdMap(ledger, run.targetAccountId());
                        ledger.fillWorklist(run.id(), new ArrayList<>(plan.pages().keySet()));
                    }
                    return RepeatStatus.FINISHED;
                }, session.transactionManager())
                .build();
        Step replay = new StepBuilder("replay", repository)
                .tasklet((contribution, context) -> {
                    if (!replayPages(target, ledger, run, plan, options, sent)) {
                        // stopped on request: the step ends STOPPED, so the job does too and the next run continues it
                        context.getStepContext().getStepExecution().setTerminateOnly();
                    }
                    return RepeatStatus.FINISHED;
                }, session.transactionManager())
                .transactionAttribute(noTransaction)
                .build();
        Step finish = new StepBuilder("finish", repository)
                .tasklet((contribution, context) -> {
                    ledger.setStatus(run.id(), "complete");
                    return RepeatStatus.FINISHED;
                }, session.transactionManager())
                .build();
        return new JobBuilder(JOB_NAME, repository).listener(RunningJobs.listener(session.jobOperator()))
                .start(planStep).next(replay).next(finish).build();
    }

    /**
     * The pending pages on {@code workers} threads; each page is done once all of it is recorded.
     * Returns false when a stop was asked for: the pages in flight were finished, the rest is left.
     */
    private static boolean replayPages(BackpackClient target, RestoreLedger ledger, RestoreLedger.Run run, RestorePlan plan,
            Options options, RestoreTally sent) throws InterruptedException {
        // the longest pages first: a page is one chain of requests, and a long chain started last
        // would keep the run going after the rate limit's floor
        List<Long> pending = ledger.pendingPages(run.id()).stream()
                .sorted(java.util.Comparator.comparingLong((Long id) -> size(plan.pages().get(id))).reversed())
                .toList();
        long[] worklist = ledger.worklistProgress(run.id());
        WorklistProgress progress = WorklistProgress.of("restore", WorklistProgress.Display.LINES, options.progress(), target);
        progress.start(worklist[0], worklist[1]);
        ExecutorService workers = Executors.newFixedThreadPool(options.workers(), runnable -> {
            Thread thread = new Thread(runnable, "restore-worker");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<?>> pages = new ArrayList<>();
            for (Long pageId : pending) {
                StoredPage stored = plan.pages().get(pageId);
                pages.add(workers.submit(() -> {
                    // every page is queued at once: on a stop the pages in flight finish and the queued ones wait for the next run
                    if (RunningJobs.stopping()) {
                        return null;
                    }
                    if (stored != null) {
                        new PageRestorer(target, ledger, run, options.emailsAsNotes(), sent, stored).restore();
                    }
                    ledger.pageDone(run.id(), pageId);
                    progress.advance(1);
                    return null;
                }));
            }
            for (Future<?> page : pages) {
                try {
                    page.get();
                } catch (ExecutionException e) {
                    workers.shutdownNow();
                    throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
                }
            }
        } finally {
            workers.shutdownNow();
        }
        return !RunningJobs.stopping();
    }

    /** How many requests a page takes, roughly: its widgets and items. */
    private static long size(StoredPage stored) {
        if (stored == null) {
            return 0;
        }
        return stored.page().belongings().size() + stored.page().lists().stream().mapToLong(list -> list.items().size()).sum();
    }
}
