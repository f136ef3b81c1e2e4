package org.backpackbatch.api;

import java.time.Duration;

/**
 * The client side of an account's rate limit, shared by every worker talking to that account.
 * It keeps at most N requests in any window, with the window stretched by a small safety
 * margin so that jitter in latency cannot bunch arrivals at the server; after a 503 it holds
 * every worker until the server's {@code Retry-After} has passed.
 */
public final class SlidingWindowThrottle {

    /** Longest {@code Retry-After} honoured; a server asking for more is treated as failing. */
    public static final Duration DEFAULT_MAX_PAUSE = Duration.ofMinutes(2);

    private final RateLimit limit;
    private final SlidingWindow window;
    private final long maxPauseNanos;
    private long pausedUntilNanos;
    private long pauses;

    public SlidingWindowThrottle(RateLimit limit, Duration safetyMargin, Duration maxPause) {
        this.limit = limit;
        this.window = limit == null ? null : new SlidingWindow(new RateLimit(limit.requests(), limit.window().plus(safetyMargin)));
        this.maxPauseNanos = maxPause.toNanos();
    }

    /**
     * The margin is 2% of the window, at least 50 ms: the server counts arrivals, the client counts
     * sends, and a send delayed by a new connection or a slow path must not land inside the window.
     */
    /** A null limit (rate {@code off}) only honours the server's 503s. */
    public static SlidingWindowThrottle forLimit(RateLimit limit, Duration maxPause) {
        if (limit == null) {
            return new SlidingWindowThrottle(null, Duration.ZERO, maxPause);
        }
        Duration margin = limit.window().dividedBy(50);
        if (margin.compareTo(Duration.ofMillis(50)) < 0) {
            margin = Duration.ofMillis(50);
        }
        return new SlidingWindowThrottle(limit, margin, maxPause);
    }

    /** Blocks until this request may be sent; returns its slot, for {@link #sent}. */
    public long acquire() throws InterruptedException {
        while (true) {
            long now = System.nanoTime();
            long waitNanos = pausedRemaining(now);
            if (waitNanos <= 0) {
                waitNanos = window == null ? 0 : window.tryAcquire(now);
                if (waitNanos == 0) {
                    return now;
                }
            }
            Thread.sleep(Math.max(1, (waitNanos + 999_999) / 1_000_000));
        }
    }

    /** The request of {@code slot} went on the wire only now (after connecting): count it from now. */
    public void sent(long slot, long nowNanos) {
        if (window != null) {
            window.restamp(slot, nowNanos);
        }
    }

    /**
     * Holds every worker for {@code retryAfter}, as a 503 asks. Fails when the server asks for
     * more than the cap, because waiting that long means the account is not being served.
     */
    public void pauseFor(Duration retryAfter) {
        if (retryAfter.toNanos() > maxPauseNanos) {
            throw new BackpackException(BackpackException.Kind.RATE_LIMITED, "the server asked to wait " + retryAfter.toSeconds()
                    + " s (Retry-After), more than the " + Duration.ofNanos(maxPauseNanos).toSeconds()
                    + " s this client waits; try again later");
        }
        synchronized (this) {
            pausedUntilNanos = Math.max(pausedUntilNanos, System.nanoTime() + retryAfter.toNanos());
            pauses++;
        }
        if (window != null) {
            // arrivals bunched more than the margin allowed (a cold server, a loaded path, another
            // client): double the margin, up to a tenth of the window, for the rest of the run
            long base = limit.window().toNanos();
            long margin = window.windowNanos() - base;
            window.widenTo(base + Math.min(base / 10, 2 * margin));
        }
    }

    private synchronized long pausedRemaining(long now) {
        return pausedUntilNanos - now;
    }

    /** How many 503 pauses this throttle honoured. */
    public synchronized long pauseCount() {
        return pauses;
    }

    public RateLimit limit() {
        return limit;
    }

    /** Time the limit needs for {@code requests} more requests once the first burst is spent: for ETAs. */
    public Duration floorFor(long requests) {
        if (limit == null) {
            return Duration.ZERO;
        }
        long windows = Math.max(0, requests - limit.requests());
        return limit.window().multipliedBy(windows).dividedBy(limit.requests());
    }
}
