package org.backpackbatch.backup;

import java.util.Iterator;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.Executor;
import org.backpackbatch.store.SnapshotStore;
import org.backpackbatch.store.SnapshotStore.PendingUnit;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * The units of the snapshot's worklist not stored yet (the account's own resources first, then
 * the pages), loaded once when the step opens, handed out fetched, in the order their fetches end.
 * The fetchers work ahead of the step's one writer: while it stores a chunk they fetch the next,
 * but never more than two chunks fetched or in flight and not yet committed, which bounds memory
 * and what a killed or stopped run fetched for nothing. After a failed fetch no more are started: the
 * units already in flight are handed out and stored, and the run then fails, so a re-run resumes
 * with the failed unit and those never fetched.
 */
final class FetchingUnitReader implements ItemStreamReader<FetchedUnit> {

    private final SnapshotStore store;
    private final long snapshotId;
    private final UnitFetcher fetcher;
    private final FirstFetchFailure failure;
    private final Executor fetchers;
    private final int chunk;
    private CompletionService<FetchedUnit> fetching;
    private Iterator<PendingUnit> pending;
    /** Units whose fetch was started, units handed out, and units the step committed. */
    private long started;
    private long handedOut;
    private long committed;

    FetchingUnitReader(SnapshotStore store, long snapshotId, UnitFetcher fetcher, FirstFetchFailure failure, Executor fetchers, int chunk) {
        this.store = store;
        this.snapshotId = snapshotId;
        this.fetcher = fetcher;
        this.failure = failure;
        this.fetchers = fetchers;
        this.chunk = chunk;
    }

    @Override
    public void open(ExecutionContext executionContext) {
        pending = store.pendingUnits(snapshotId).iterator();
        fetching = new ExecutorCompletionService<>(fetchers);
        started = 0;
        handedOut = 0;
        committed = 0;
        startFetches();
    }

    /** The next fetched unit, or null when every unit was handed out (or no more will be, after a failed fetch). */
    @Override
    public FetchedUnit read() throws InterruptedException {
        if (handedOut % chunk == 0) {
            // the first read of a chunk: its transaction began after the previous chunk's commit
            committed = handedOut;
        }
        startFetches();
        if (handedOut == started) {
            return null;
        }
        try {
            FetchedUnit unit = fetching.take().get();
            handedOut++;
            return unit;
        } catch (ExecutionException e) {
            // the fetcher returns failures rather than throwing them: this is an error of the program itself
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        }
    }

    private void startFetches() {
        while (started - committed < 2L * chunk && !failure.happened() && pending.hasNext()) {
            PendingUnit unit = pending.next();
            fetching.submit(() -> {
                FetchedUnit fetched = fetcher.fetch(unit);
                if (fetched.outcome() == FetchedUnit.Outcome.FAILED) {
                    failure.record(fetched.failure());
                }
                return fetched;
            });
            started++;
        }
    }
}
