package org.backpackbatch.app;

import java.util.List;

/** The observers of a run (or of a daemon's runs), and what they hold open until they are closed. */
public record RunObservers(List<RunObserver> observers, List<AutoCloseable> resources) implements AutoCloseable {

    public static final RunObservers NONE = new RunObservers(List.of(), List.of());

    public RunObservers {
        observers = List.copyOf(observers);
        resources = List.copyOf(resources);
    }

    /** Runs {@code work} as one observed run (see {@link ObservedRun}). */
    public <T> T run(String job, RunSummary.Operation operation, String account, org.backpackbatch.progress.Reporter reporter,
            java.util.function.Function<org.backpackbatch.progress.Reporter, T> work, java.util.function.Function<T, ObservedRun.Facts> facts) {
        return new ObservedRun(job, operation, account, observers).run(reporter, work, facts);
    }

    /** These observers and {@code others}', holding only these' resources: {@code others} stay open when the result is closed. */
    public RunObservers beside(RunObservers others) {
        return new RunObservers(java.util.stream.Stream.concat(observers.stream(), others.observers.stream()).toList(), resources);
    }

    /** Both these observers and {@code more}, with the resources of both. */
    public RunObservers and(RunObservers more) {
        return new RunObservers(java.util.stream.Stream.concat(observers.stream(), more.observers.stream()).toList(),
                java.util.stream.Stream.concat(resources.stream(), more.resources.stream()).toList());
    }

    @Override
    public void close() {
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                // an observer's resources (an HTTP client) only free connections on close
            }
        }
    }
}
