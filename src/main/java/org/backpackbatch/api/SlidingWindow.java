package org.backpackbatch.api;

import java.util.ArrayDeque;

/**
 * The sliding-window count behind both sides of a rate limit: at most N arrivals whose time
 * falls in any window. The emulator rejects past it; the client's throttle waits. Thread-safe.
 */
public final class SlidingWindow {

    private final int capacity;
    private final long windowNanos;
    private final ArrayDeque<Long> arrivals = new ArrayDeque<>();

    public SlidingWindow(RateLimit limit) {
        this.capacity = limit.requests();
        this.windowNanos = limit.window().toNanos();
    }

    /**
     * Records an arrival at {@code nowNanos} if the window has room and returns 0; otherwise
     * records nothing and returns how many nanoseconds remain until a slot frees.
     */
    public synchronized long tryAcquire(long nowNanos) {
        while (!arrivals.isEmpty() && nowNanos - arrivals.peekFirst() >= windowNanos) {
            arrivals.pollFirst();
        }
        if (arrivals.size() < capacity) {
            arrivals.addLast(nowNanos);
            return 0;
        }
        return arrivals.peekFirst() + windowNanos - nowNanos;
    }

    public int capacity() {
        return capacity;
    }

    public long windowNanos() {
        return windowNanos;
    }
}
