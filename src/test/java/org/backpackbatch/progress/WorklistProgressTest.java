package org.backpackbatch.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.backpackbatch.api.RateLimit;
import org.junit.jupiter.api.Test;
import java.io.PrintWriter;
import org.backpackbatch.output.ConsoleReporter;

/** The progress a backup or restore shows on a console, on a clock and request count the test sets. */
class WorklistProgressTest {

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final AtomicLong requests = new AtomicLong();

    private WorklistProgress progress(RateLimit limit) {
        return new WorklistProgress("backup", console(ConsoleReporter.Mode.LINES), requests::get, () -> limit, nanos::get);
    }

    private ConsoleReporter console(ConsoleReporter.Mode mode) {
        return new ConsoleReporter(new PrintWriter(printed, true, StandardCharsets.UTF_8), mode);
    }

    private List<String> lines() {
        return printed.toString(StandardCharsets.UTF_8).lines().toList();
    }

    private void pass(Duration time, long moreRequests) {
        nanos.addAndGet(time.toNanos());
        requests.addAndGet(moreRequests);
    }

    @Test
    void everyTenthCrossedGetsItsLineInOrderEvenWhenAChunkJumpsSeveral() {
        WorklistProgress progress = progress(null);
        progress.start(100, 0);
        progress.advance(32);
        progress.advance(32);
        progress.advance(32);
        progress.advance(4);

        assertThat(lines()).extracting(line -> line.split(" ")[1])
                .containsExactly("0%", "10%", "20%", "30%", "40%", "50%", "60%", "70%", "80%", "90%", "100%");
        assertThat(lines().get(3)).startsWith("backup: 30% 32/100 pages");
        assertThat(lines().get(10)).startsWith("backup: 100% 100/100 pages");
    }

    @Test
    void aResumedRunStartsAtTheTenthItHasReachedAndDoesNotRepeatEarlierOnes() {
        WorklistProgress progress = progress(null);
        progress.start(300, 125);
        progress.advance(10);
        progress.advance(30);

        assertThat(lines()).extracting(line -> line.split(" ")[1]).containsExactly("40%", "50%");
    }

    @Test
    void linesFromManyWorkersComeOutInOrderOncePerTenth() throws Exception {
        WorklistProgress progress = progress(null);
        progress.start(1_000, 0);
        ExecutorService workers = Executors.newFixedThreadPool(8);
        for (int page = 0; page < 1_000; page++) {
            workers.submit(() -> progress.advance(1));
        }
        workers.shutdown();
        assertThat(workers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

        assertThat(lines()).extracting(line -> line.split(" ")[1])
                .containsExactly("0%", "10%", "20%", "30%", "40%", "50%", "60%", "70%", "80%", "90%", "100%");
        assertThat(lines()).extracting(line -> Long.parseLong(line.split(" ")[2].split("/")[0])).isSorted();
    }

    @Test
    void noRateOrEtaFromZeroTimeOrTheThrottlesFirstBurst() {
        WorklistProgress progress = progress(RateLimit.DEFAULT);
        requests.set(1);
        progress.start(1_000, 0);
        // the throttle lets its first window of 100 requests through at once
        pass(Duration.ofMillis(300), 100);
        progress.advance(100);

        assertThat(lines()).containsExactly("backup: 0% 0/1000 pages", "backup: 10% 100/1000 pages");
    }

    @Test
    void onceWarmTheEtaFollowsTheRateLimitNotTheBurst() {
        WorklistProgress progress = progress(RateLimit.DEFAULT);
        progress.start(1_000, 0);
        pass(Duration.ofMillis(300), 100);
        progress.advance(100);
        // then 20 requests a second, the limit's pace: 100 more pages in 5 s
        pass(Duration.ofSeconds(5), 100);
        progress.advance(100);

        // 200 pages in 5.3 s looks like 37.7 a second, but the limit allows 20: 800 pages left take 40 s
        assertThat(lines()).last().isEqualTo("backup: 20% 200/1000 pages, 37.7 requests/s, ETA 0:40");
    }

    @Test
    void withoutALimitTheEtaFollowsTheObservedPaceInPagesNotRequests() {
        WorklistProgress progress = progress(null);
        progress.start(1_000, 0);
        // two requests a page (page and emails): 100 pages in 10 s is 10 pages a second
        pass(Duration.ofSeconds(10), 200);
        progress.advance(100);

        assertThat(lines()).last().isEqualTo("backup: 10% 100/1000 pages, 20.0 requests/s, ETA 1:30");
    }

    @Test
    void aBarRedrawsOneLineAndEndsIt() {
        WorklistProgress bar = new WorklistProgress("backup", console(ConsoleReporter.Mode.BAR), requests::get, () -> null, nanos::get);
        bar.start(10, 0);
        bar.advance(5);
        bar.finish();

        assertThat(printed.toString(StandardCharsets.UTF_8))
                .isEqualTo("\r[" + ".".repeat(30) + "] 0/10 pages   \r[" + "#".repeat(15) + ".".repeat(15) + "] 5/10 pages   "
                        + System.lineSeparator());
    }
}
