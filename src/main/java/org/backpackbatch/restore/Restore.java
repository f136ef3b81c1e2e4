package org.backpackbatch.restore;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.backpackbatch.api.BackpackClient;
import org.backpackbatch.batch.ResumableJob;
import org.backpackbatch.progress.Reporter;
import org.backpackbatch.progress.WorklistProgress;
import org.backpackbatch.store.PageRecords.StoredPage;
import org.backpackbatch.store.Resource;
import org.backpackbatch.store.Snapshot;
import org.backpackbatch.store.SnapshotStore;
import org.backpackbatch.store.Store;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.interceptor.DefaultTransactionAttribute;

/**
 * The restore job: replays a snapshot into an account through the create endpoints. Steps: plan
 * (what still exists in the target, the worklist: the pages and the account's own resources),
 * replay (the units on several workers, every create recorded in the id map as it happens),
 * finish. It runs under the one lifecycle of every job ({@link ResumableJob}): interrupted, it is
 * resumed by the same command and never creates twice.
 *
 * <p>The replay is a tasklet, not a chunk step: every create must be committed to the id map the
 * moment it is answered, on the worker that sent it, and a chunk's transaction would hold SQLite's
 * one write lock while its workers wait for it. The tasklet runs without a transaction and checks
 * for a stop between pages, so a stop ends it after the pages in flight.
 */
public final class Restore {

    /** The job whose executions say where an unfinished restore run is. */
    public static final String JOB_NAME = "restore";

    /** What to restore and how. */
    public record Options(List<Long> pages, boolean includeFriends, boolean emailsAsNotes, int workers) {
        public Options {
            pages = List.copyOf(pages);
        }
    }

    /**
     * What a run did (or a dry run would do): requests sent by kind, what could not be restored, and
     * whether it resumed.
     */
    public record Result(Snapshot snapshot, boolean dryRun, boolean sameAccount, boolean resumed, RestoreTally sent,
            RestoreTally planned, List<String> unrestorable, long requests, Duration elapsed) {
    }

    /** An account id no row of the store has. */
    private static final long NO_ACCOUNT = -1;

    private Restore() {
    }

    /** The plan only: what a restore would send, by kind. Reads the target when it is the snapshot's own account. */
    public static Result dryRun(Store store, BackpackClient target, Snapshot snapshot, Options options) {
        boolean sameAccount = sameAccount(snapshot, target);
        // a dry run writes nothing, not even the target's row: a target the store has never seen has no id map, which no id names
        long targetAccountId = store.snapshots().knownAccountId(target.account().toString()).orElse(NO_ACCOUNT);
        RestoreLedger ledger = new RestoreLedger(store);
        RestorePlan plan = RestorePlan.make(store.snapshots(), snapshot.id(), options.pages(), options.includeFriends(), target,
                sameAccount, ledger, targetAccountId);
        RestoreTally planned = plan.requests(ledger, targetAccountId, options.emailsAsNotes());
        return new Result(snapshot, true, sameAccount, false, new RestoreTally(), planned, plan.notRestored(options.emailsAsNotes()),
                target.requestsSent(), Duration.ZERO);
    }

    public static Result run(Store store, ResumableJob lifecycle, BackpackClient target, Snapshot snapshot, Options options,
            Reporter reporter) {
        long startNanos = System.nanoTime();
        SnapshotStore snapshots = store.snapshots();
        RestoreLedger ledger = new RestoreLedger(store);
        boolean sameAccount = sameAccount(snapshot, target);
        long targetAccountId = snapshots.accountId(target.account().toString());
        var unfinished = ledger.unfinished(snapshot.id(), targetAccountId);
        RestoreLedger.Run run = unfinished.orElseGet(() -> ledger.begin(snapshot.id(), targetAccountId, sameAccount));
        RestorePlan plan = RestorePlan.make(snapshots, snapshot.id(), options.pages(), options.includeFriends(), target, sameAccount,
                ledger, targetAccountId);
        RestoreTally planned = plan.requests(ledger, targetAccountId, options.emailsAsNotes());
        RestoreTally sent = new RestoreTally();
        sent.add(RestoreTally.Request.READS, plan.reads());
        JobParameters parameters = new JobParametersBuilder()
                .addLong("restore", run.id())
                .addLong("snapshot", snapshot.id(), false)
                .addString("target", target.account().toString(), false)
                .toJobParameters();
        try {
            lifecycle.run(job(store, lifecycle, target, ledger, run, plan, options, sent, reporter), parameters,
                    new ResumableJob.Naming("the restore of snapshot " + snapshot.id() + " into " + target.account(), "continue it"),
                    () -> ledger.worklist(run.id()));
        } finally {
            ledger.addRequests(run.id(), target.requestsSent());
        }
        List<String> unrestorable = new ArrayList<>(plan.leftOut());
        ledger.report(run.id()).forEach(part -> unrestorable.add(part.line()));
        return new Result(snapshot, false, sameAccount, unfinished.isPresent(), sent, planned, unrestorable, target.requestsSent(),
                Duration.ofNanos(System.nanoTime() - startNanos));
    }

    private static boolean sameAccount(Snapshot snapshot, BackpackClient target) {
        return snapshot.account().equals(target.account().toString());
    }

    private static Job job(Store store, ResumableJob lifecycle, BackpackClient target, RestoreLedger ledger, RestoreLedger.Run run,
            RestorePlan plan, Options options, RestoreTally sent, Reporter reporter) {
        JobRepository repository = lifecycle.batch().repository();
        DefaultTransactionAttribute noTransaction = new DefaultTransactionAttribute(TransactionDefinition.PROPAGATION_NOT_SUPPORTED);
        Step planStep = new StepBuilder("plan", repository)
                .tasklet((contribution, context) -> {
                    if (ledger.worklist(run.id()).pages() == 0) {
                        plan.settleIdMap(ledger, run.targetAccountId());
                        List<Long> units = new ArrayList<>();
                        plan.account().units().forEach(resource -> units.add(resource.scope()));
                        units.addAll(plan.pages().keySet());
                        ledger.fillWorklist(run.id(), units);
                    }
                    return RepeatStatus.FINISHED;
                }, store.transactionManager())
                .build();
        Step replay = new StepBuilder("replay", repository)
                .tasklet((contribution, context) -> {
                    if (!replayPages(lifecycle, target, ledger, run, plan, options, sent, reporter)) {
                        // stopped on request: the step ends STOPPED, so the job does too and the next run continues it
                        context.getStepContext().getStepExecution().setTerminateOnly();
                    }
                    return RepeatStatus.FINISHED;
                }, store.transactionManager())
                .transactionAttribute(noTransaction)
                .build();
        Step finish = new StepBuilder("finish", repository)
                .tasklet((contribution, context) -> {
                    ledger.complete(run.id());
                    return RepeatStatus.FINISHED;
                }, store.transactionManager())
                .build();
        return lifecycle.builder(JOB_NAME).start(planStep).next(replay).next(finish).build();
    }

    /**
     * The pending units (pages, and the account's own resources) on {@code workers} threads; each is
     * done once all of it is recorded. Returns false when a stop was asked for: the units in flight
     * were finished, the rest is left.
     */
    private static boolean replayPages(ResumableJob lifecycle, BackpackClient target, RestoreLedger ledger, RestoreLedger.Run run,
            RestorePlan plan, Options options, RestoreTally sent, Reporter reporter) throws InterruptedException {
        // the longest units first: a unit is one chain of requests, and a long chain started last
        // would keep the run going after the rate limit's floor
        List<Long> pending = ledger.pendingPages(run.id()).stream()
                .sorted(Comparator.comparingLong((Long id) -> size(plan, id)).reversed())
                .toList();
        var worklist = ledger.worklist(run.id());
        WorklistProgress progress = WorklistProgress.of("restore", reporter, target);
        progress.start(worklist.pages(), worklist.done());
        ThreadPoolTaskExecutor workers = new ThreadPoolTaskExecutor();
        workers.setCorePoolSize(options.workers());
        workers.setMaxPoolSize(options.workers());
        workers.setThreadNamePrefix("restore-");
        workers.setDaemon(true);
        workers.initialize();
        try {
            List<Future<?>> pages = new ArrayList<>();
            for (Long pageId : pending) {
                StoredPage stored = plan.pages().get(pageId);
                Resource resource = Resource.ofScope(pageId).orElse(null);
                pages.add(workers.submit(() -> {
                    // every unit is queued at once: on a stop the units in flight finish and the queued ones wait for the next run
                    if (lifecycle.stopping()) {
                        return null;
                    }
                    if (resource != null) {
                        new AccountRestorer(target, ledger, run, sent, plan.account(), resource).restore();
                    } else if (stored != null) {
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
                    throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
                }
            }
        } finally {
            workers.shutdown();
            progress.finish();
        }
        return !lifecycle.stopping();
    }

    /** How many requests a unit takes, roughly: a page's widgets and items, the records of one of the account's resources. */
    private static long size(RestorePlan plan, long unitId) {
        Resource resource = Resource.ofScope(unitId).orElse(null);
        if (resource != null) {
            return plan.account().size(resource);
        }
        StoredPage stored = plan.pages().get(unitId);
        if (stored == null) {
            return 0;
        }
        return stored.page().belongings().size() + stored.page().lists().stream().mapToLong(list -> list.items().size()).sum();
    }
}
