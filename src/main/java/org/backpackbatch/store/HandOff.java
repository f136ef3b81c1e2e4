package org.backpackbatch.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Consumer;

/**
 * What one thread reads from the store, handed to a consumer on a thread of its own a handful at a
 * time through a bounded queue: the reading (the database driver's calls, a large share of the
 * work) and what is done with what was read run side by side on two cores, in the order read. The
 * reading thread waits while the consumer is behind; a consumer that failed takes nothing more, and
 * its failure is thrown to the reading thread at its next hand-off or at {@link #finish}.
 * {@link #close} always waits for the consumer's thread to end. Used by verify and a snapshot's
 * pages, and by the XML export's compression.
 */
public final class HandOff<T> implements AutoCloseable {

    private final int handfulSize;
    /** An empty handful ends the items. */
    private final BlockingQueue<List<T>> handfuls;
    private final FutureTask<Void> consuming;
    private final Thread thread;
    private volatile RuntimeException failure;
    private List<T> handful;

    /** {@code handfulSize} items go at a time, at most {@code waiting} handfuls wait for the consumer. */
    public HandOff(String name, int handfulSize, int waiting, Consumer<? super T> consumer) {
        this.handfulSize = handfulSize;
        this.handfuls = new ArrayBlockingQueue<>(waiting);
        this.handful = new ArrayList<>(handfulSize);
        this.consuming = new FutureTask<>(() -> {
            for (List<T> items = handfuls.take(); !items.isEmpty(); items = handfuls.take()) {
                // after a failure the handfuls are still taken, so that the reading thread never waits for room
                if (failure == null) {
                    try {
                        items.forEach(consumer);
                    } catch (RuntimeException e) {
                        failure = e;
                    }
                }
            }
            return null;
        });
        this.thread = new Thread(consuming, name);
        thread.setDaemon(true);
        thread.start();
    }

    public void accept(T item) {
        handful.add(item);
        if (handful.size() == handfulSize) {
            hand(handful);
            handful = new ArrayList<>(handfulSize);
        }
    }

    /** Hands what is left and waits until the consumer has taken every item. */
    public void finish() {
        if (!handful.isEmpty()) {
            hand(handful);
            handful = new ArrayList<>(handfulSize);
        }
        hand(List.of());
        try {
            consuming.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while handing " + thread.getName(), e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException unexpected ? unexpected : new IllegalStateException(e.getCause());
        }
        throwFailure();
    }

    private void hand(List<T> items) {
        throwFailure();
        try {
            handfuls.put(items);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while handing " + thread.getName(), e);
        }
    }

    private void throwFailure() {
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * Stops the consumer if it is still running (the reading failed) and waits for its thread to end:
     * what still waits is dropped and the end handed, so that it ends even if it does not heed the
     * interrupt.
     */
    @Override
    public void close() {
        handfuls.clear();
        handfuls.offer(List.of());
        consuming.cancel(true);
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
