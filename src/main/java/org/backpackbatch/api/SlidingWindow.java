package org.backpackbatch.api;

import java.util.ArrayList;
import java.util.List;

/**
 * The sliding-window count behind both sides of a rate limit: at most N arrivals whose time
 * falls in any window. The emulator rejects past it; the client's throttle waits. Thread-safe.
 */
public final class SlidingWindow {

    private final int capacity;
    private long windowNanos;
    /** Arrival times in order (compared wrap-safe, as nanoTime values must be); at most {@code capacity}. */
    private final List<Long> arrivals = new ArrayList<>();

    public SlidingWindow(RateLimit limit) {
        this.capacity = limit.requests();
        this.windowNanos = limit.window().toNanos();
    }

    /**
     * Records an arrival at {@code nowNanos} if the window has room and returns 0; otherwise
     * records nothing and returns how many nanoseconds remain until a slot frees.
     */
    public synchronized long tryAcquire(long nowNanos) {
        while (!arrivals.isEmpty() && nowNanos - arrivals.get(0) >= windowNanos) {
            arrivals.remove(0);
        }
        if (arrivals.size() < capacity) {
            insert(nowNanos);
            return 0;
        }
        return arrivals.get(0) + windowNanos - nowNanos;
    }

    /**
     * Moves an arrival recorded at {@code recordedNanos} to {@code actualNanos}: the client takes
     * its slot before it connects, and re-stamps it when the request really goes on the wire, so
     * that a slow first connection cannot bunch arrivals at the server.
     */
    public synchronized void restamp(long recordedNanos, long actualNanos) {
        if (arrivals.remove(Long.valueOf(recordedNanos))) {
            insert(actualNanos);
        }
    }

    private void insert(long nanos) {
        int index = arrivals.size();
        while (index > 0 && arrivals.get(index - 1) - nanos > 0) {
            index--;
        }
        arrivals.add(index, nanos);
    }

    public int capacity() {
        return capacity;
    }

    /** Lengthens the window (never shortens it): the client's answer to a 503 it did not expect. */
    public synchronized void widenTo(long newWindowNanos) {
        windowNanos = Math.max(windowNanos, newWindowNanos);
    }

    public synchronized long windowNanos() {
        return windowNanos;
    }
}
