package org.backpackbatch.backup;

import java.util.concurrent.atomic.AtomicReference;

/**
 * The first page of a run whose fetch failed. Once there is one, no more pages are handed out; the
 * pages already fetched are stored, and the run then fails with this failure, as it would have
 * failed had the fetch thrown it, so that a re-run resumes with the failed page alone.
 */
final class FirstFetchFailure {

    private final AtomicReference<RuntimeException> first = new AtomicReference<>();

    void record(RuntimeException failure) {
        first.compareAndSet(null, failure);
    }

    boolean happened() {
        return first.get() != null;
    }

    /** Fails with the first failure, if there was one. */
    void rethrow() {
        RuntimeException failure = first.get();
        if (failure != null) {
            throw failure;
        }
    }
}
