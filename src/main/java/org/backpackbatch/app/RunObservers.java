package org.backpackbatch.app;

import java.util.List;

/** The observers of a run (or of a daemon's runs), and what they hold open until they are closed. */
public record RunObservers(List<RunObserver> observers, List<AutoCloseable> resources) implements AutoCloseable {

    public static final RunObservers NONE = new RunObservers(List.of(), List.of());

    public RunObservers {
        observers = List.copyOf(observers);
        resources = List.copyOf(resources);
    }

    /** Both these observers and {@code more}. */
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
