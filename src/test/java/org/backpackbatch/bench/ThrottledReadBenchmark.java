package org.backpackbatch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.backpackbatch.api.AccountUrl;
import org.backpackbatch.api.ApiToken;
import org.backpackbatch.api.BackpackClient;
import org.backpackbatch.api.ClientSettings;
import org.backpackbatch.api.RateLimit;
import org.backpackbatch.api.model.Page;
import org.backpackbatch.api.model.PageSummary;
import org.backpackbatch.emulator.AccountSpec;
import org.backpackbatch.emulator.BackpackEmulator;
import org.backpackbatch.emulator.EmulatorConfig;
import org.backpackbatch.emulator.FaultPlan;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * How close the throttled client comes to the server's rate limit: 300 pages (301 requests) at
 * 100 ms latency under 100 requests per 5 s. Run: {@code mvn -B test -Pbenchmarks -Dtest=ThrottledReadBenchmark}.
 *
 * <p>The floor is the earliest the last request can go out under a sliding window of N per W,
 * {@code floor((R - 1) / N) * W}, plus one latency for its answer.
 */
@Tag("benchmark")
class ThrottledReadBenchmark {

    private static final int PAGES = 300;
    private static final int LATENCY_MS = 100;
    private static final int WORKERS = 4;

    @Test
    void readsAtTheAllowedRateWithoutA503() throws Exception {
        BenchmarkReport report = new BenchmarkReport("throttled-read");
        RateLimit limit = RateLimit.DEFAULT;
        try (BackpackEmulator emulator = BackpackEmulator.start(EmulatorConfig.defaults()
                .withAccounts(List.of(new AccountSpec("bench", Integer.toString(PAGES))))
                .withFaults(new FaultPlan(LATENCY_MS, LATENCY_MS, 0, 1)))) {
            BackpackEmulator.HostedAccount account = emulator.account("bench");
            ClientSettings settings = ClientSettings.defaults().withWorkers(WORKERS).withRate(limit);
            ExecutorService workers = Executors.newFixedThreadPool(WORKERS);
            long start;
            try (BackpackClient client = new BackpackClient(AccountUrl.parse(account.baseUrl()), ApiToken.of(account.token()), settings)) {
                start = System.nanoTime();
                List<PageSummary> pages = client.pages();
                List<Future<Page>> reads = pages.stream().map(page -> workers.submit(() -> client.page(page.id()))).toList();
                for (Future<Page> read : reads) {
                    assertThat(read.get().id()).isPositive();
                }
            } finally {
                workers.shutdown();
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            long requests = PAGES + 1;
            double floor = (requests - 1) / limit.requests() * limit.window().toMillis() / 1000.0 + LATENCY_MS / 1000.0;
            report.add(String.format("%d pages (%d requests) at %d ms latency, limit %s, %d workers: %.2f s, floor %.2f s,"
                    + " time over floor %.3f (%.1f%% of the allowed rate), 503 answers %d",
                    PAGES, requests, LATENCY_MS, limit, WORKERS, elapsed, floor, elapsed / floor, 100 * floor / elapsed,
                    emulator.rateLimitedCount()));
            assertThat(emulator.rateLimitedCount()).as("503 answers").isZero();
            assertThat(floor / elapsed).as("share of the allowed rate").isGreaterThanOrEqualTo(0.95);
        }
        report.write();
    }
}
