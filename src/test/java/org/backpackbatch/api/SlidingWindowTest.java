package org.backpackbatch.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The window at its exact boundaries, with explicit nanoTimes instead of a clock. */
class SlidingWindowTest {

    private static SlidingWindow window(int requests, long windowNanos) {
        return new SlidingWindow(new RateLimit(requests, Duration.ofNanos(windowNanos)));
    }

    @Test
    void admitsCapacityArrivalsThenNamesTheExactWaitUntilTheOldestLeaves() {
        SlidingWindow window = window(3, 1000);

        assertThat(window.tryAcquire(0)).isZero();
        assertThat(window.tryAcquire(10)).isZero();
        assertThat(window.tryAcquire(20)).isZero();

        assertThat(window.tryAcquire(30)).isEqualTo(970);
        assertThat(window.tryAcquire(999)).isEqualTo(1);
        assertThat(window.tryAcquire(1000)).as("the arrival at 0 has left at exactly 0 + window").isZero();
        assertThat(window.tryAcquire(1009)).isEqualTo(1);
        assertThat(window.tryAcquire(1010)).isZero();
        assertThat(window.tryAcquire(1010)).isEqualTo(10);
    }

    @Test
    void refusedArrivalsTakeNoSlot() {
        SlidingWindow window = window(2, 100);
        window.tryAcquire(0);
        window.tryAcquire(0);
        for (long now = 1; now < 100; now++) {
            assertThat(window.tryAcquire(now)).isEqualTo(100 - now);
        }

        assertThat(window.tryAcquire(100)).isZero();
        assertThat(window.tryAcquire(100)).isZero();
        assertThat(window.tryAcquire(100)).isEqualTo(100);
    }

    @Test
    void slidesInsteadOfResettingAtFixedBoundaries() {
        SlidingWindow window = window(4, 100);
        window.tryAcquire(0);
        window.tryAcquire(0);
        window.tryAcquire(60);
        window.tryAcquire(60);

        assertThat(window.tryAcquire(99)).isEqualTo(1);
        assertThat(window.tryAcquire(100)).as("the two from 0 have left").isZero();
        assertThat(window.tryAcquire(100)).isZero();
        assertThat(window.tryAcquire(100)).as("the two from 60 are still inside").isEqualTo(60);
        assertThat(window.tryAcquire(159)).isEqualTo(1);
        assertThat(window.tryAcquire(160)).isZero();
    }

    @Test
    void neverHasMoreThanCapacityInAnyWindowAndItsWaitIsExact() {
        int capacity = 5;
        long windowNanos = 1_000;
        SlidingWindow window = window(capacity, windowNanos);
        SplittableRandom random = new SplittableRandom(7);
        List<Long> admitted = new ArrayList<>();
        long now = 0;
        for (int attempt = 0; attempt < 20_000; attempt++) {
            now += random.nextLong(0, 120);
            long wait = window.tryAcquire(now);
            if (wait == 0) {
                admitted.add(now);
                continue;
            }
            assertThat(wait).isBetween(1L, windowNanos);
            assertThat(window.tryAcquire(now + wait - 1)).as("one nanosecond early is still refused").isPositive();
            assertThat(window.tryAcquire(now + wait)).as("after the wait the arrival is admitted").isZero();
            now += wait;
            admitted.add(now);
        }

        for (int index = capacity; index < admitted.size(); index++) {
            assertThat(admitted.get(index) - admitted.get(index - capacity))
                    .as("arrivals %d and %d", index - capacity, index)
                    .isGreaterThanOrEqualTo(windowNanos);
        }
    }

    @Test
    void worksAcrossTheOverflowOfNanoTime() {
        SlidingWindow window = window(1, 1000);
        long start = Long.MAX_VALUE - 400;

        assertThat(window.tryAcquire(start)).isZero();
        assertThat(window.tryAcquire(start + 600)).isEqualTo(400);
        assertThat(window.tryAcquire(start + 999)).isEqualTo(1);
        assertThat(window.tryAcquire(start + 1000)).isZero();
    }

    @Test
    void admitsExactlyCapacityAmongConcurrentArrivals() throws Exception {
        SlidingWindow window = window(50, Duration.ofSeconds(10).toNanos());
        ExecutorService threads = Executors.newFixedThreadPool(16);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Long>> results = new ArrayList<>();
            for (int arrival = 0; arrival < 400; arrival++) {
                results.add(threads.submit(() -> {
                    go.await();
                    return window.tryAcquire(1_000);
                }));
            }
            go.countDown();
            int admitted = 0;
            for (Future<Long> result : results) {
                if (result.get(10, TimeUnit.SECONDS) == 0) {
                    admitted++;
                }
            }
            assertThat(admitted).isEqualTo(50);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void reportsItsLimit() {
        SlidingWindow window = new SlidingWindow(RateLimit.DEFAULT);

        assertThat(window.capacity()).isEqualTo(100);
        assertThat(window.windowNanos()).isEqualTo(5_000_000_000L);
    }
}
