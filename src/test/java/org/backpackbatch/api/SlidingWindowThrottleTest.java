package org.backpackbatch.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.backpackbatch.api.BackpackException.Kind;
import org.junit.jupiter.api.Test;

/** The client's side of a rate limit, on the clock: what a server would count is what it lets through. */
class SlidingWindowThrottleTest {

    private static final RateLimit TEN_PER_200_MS = new RateLimit(10, Duration.ofMillis(200));
    private static final int THREADS = 4;

    @Test
    void neverLetsMoreThanTheLimitThroughInAnyWindow() throws Exception {
        SlidingWindowThrottle throttle = SlidingWindowThrottle.forLimit(TEN_PER_200_MS, Duration.ofSeconds(1));
        int perThread = 15;
        List<Long> passed = Collections.synchronizedList(new ArrayList<>());

        onThreads(() -> {
            for (int i = 0; i < perThread; i++) {
                throttle.acquire();
                passed.add(System.nanoTime());
            }
            return null;
        });

        List<Long> times = new ArrayList<>(passed);
        Collections.sort(times);
        assertThat(times).hasSize(THREADS * perThread);
        long window = TEN_PER_200_MS.window().toNanos();
        for (int i = 0; i + TEN_PER_200_MS.requests() < times.size(); i++) {
            long apart = times.get(i + TEN_PER_200_MS.requests()) - times.get(i);
            assertThat(apart).as("nanoseconds between acquisitions %d and %d", i, i + TEN_PER_200_MS.requests())
                    .isGreaterThanOrEqualTo(window);
        }
        // that the first ten pass at once is the window's own rule: SlidingWindowTest, with explicit times
    }

    @Test
    void pauseForHoldsEveryThread() throws Exception {
        SlidingWindowThrottle throttle = SlidingWindowThrottle.forLimit(null, Duration.ofSeconds(1));
        long paused = System.nanoTime();
        throttle.pauseFor(Duration.ofMillis(300));

        List<Long> waited = onThreads(() -> {
            throttle.acquire();
            return System.nanoTime() - paused;
        });

        assertThat(waited).hasSize(THREADS).allSatisfy(nanos -> assertThat(nanos).isGreaterThanOrEqualTo(Duration.ofMillis(300).toNanos()));
        assertThat(throttle.pauseCount()).isEqualTo(1);
    }

    @Test
    void aPauseLongerThanTheCapIsRateLimitedAndHoldsNobody() throws Exception {
        SlidingWindowThrottle throttle = SlidingWindowThrottle.forLimit(TEN_PER_200_MS, Duration.ofSeconds(2));

        assertThatThrownBy(() -> throttle.pauseFor(Duration.ofSeconds(3)))
                .isInstanceOfSatisfying(BackpackException.class, e -> assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED))
                .hasMessageContaining("3 s (Retry-After)")
                .hasMessageContaining("2 s");

        assertThat(throttle.pauseCount()).as("a refused pause holds nobody").isZero();
    }

    @Test
    void aPauseAtTheCapIsHonoured() {
        SlidingWindowThrottle throttle = SlidingWindowThrottle.forLimit(TEN_PER_200_MS, Duration.ofSeconds(2));

        throttle.pauseFor(Duration.ofSeconds(2));

        assertThat(throttle.pauseCount()).isEqualTo(1);
    }

    /** Runs {@code task} on {@link #THREADS} threads at once and returns their results. */
    private static <T> List<T> onThreads(Callable<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                futures.add(pool.submit(task));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(10, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
