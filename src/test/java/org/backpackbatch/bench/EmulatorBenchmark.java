package org.backpackbatch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.backpackbatch.api.model.PageSummary;
import org.backpackbatch.emulator.AccountSpec;
import org.backpackbatch.emulator.BackpackEmulator;
import org.backpackbatch.emulator.EmulatorConfig;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * How fast the emulator serves full pages on loopback with the rate limit off, and how much heap
 * 20,000 generated pages take. Run: {@code mvn -B test -Pbenchmarks -Dtest=EmulatorBenchmark}.
 */
@Tag("benchmark")
class EmulatorBenchmark {

    private static final int CLIENT_THREADS = 8;
    private static final long WARM_UP_MILLIS = 3_000;
    private static final long MEASURE_MILLIS = 10_000;

    @Test
    void twentyThousandGeneratedPagesFitTheDefaultHeap() throws Exception {
        BenchmarkReport report = new BenchmarkReport("emulator-generation");
        long before = BenchmarkReport.usedHeapAfterGc();
        long start = System.nanoTime();
        try (BackpackEmulator emulator = BackpackEmulator.start(EmulatorConfig.defaults()
                .withAccounts(List.of(new AccountSpec("big", "20000"))).withRateLimit(null))) {
            long seconds = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            long used = BenchmarkReport.usedHeapAfterGc() - before;
            assertThat(emulator.account("big").data().allPages()).hasSize(20_000);
            report.add("20,000 generated pages: seeded in " + seconds + " ms, " + used / (1024 * 1024) + " MiB of heap");
            assertThat(used).isLessThan(Runtime.getRuntime().maxMemory());
        }
        report.write();
    }

    @Test
    void fullPagesPerSecondWithTheLimitOff() throws Exception {
        BenchmarkReport report = new BenchmarkReport("emulator-throughput");
        try (BackpackEmulator emulator = BackpackEmulator.start(EmulatorConfig.defaults()
                .withAccounts(List.of(new AccountSpec("bench", "2000"))).withRateLimit(null));
             CloseableHttpClient http = HttpClients.custom()
                     .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                             .setMaxConnTotal(CLIENT_THREADS).setMaxConnPerRoute(CLIENT_THREADS).build())
                     .disableAutomaticRetries()
                     .build()) {
            BackpackEmulator.HostedAccount account = emulator.account("bench");
            List<Long> pageIds = account.data().allPages().stream().map(PageSummary::id).toList();
            String body = "<request><token>" + account.token() + "</token></request>";
            AtomicLong requests = new AtomicLong();
            AtomicLong bytes = new AtomicLong();
            ExecutorService clients = Executors.newFixedThreadPool(CLIENT_THREADS);
            long warmUpEnd = System.currentTimeMillis() + WARM_UP_MILLIS;
            long end = warmUpEnd + MEASURE_MILLIS;
            List<Future<?>> running = new java.util.ArrayList<>();
            for (int t = 0; t < CLIENT_THREADS; t++) {
                int offset = t;
                running.add(clients.submit(() -> {
                    int i = offset;
                    while (System.currentTimeMillis() < end) {
                        HttpPost post = new HttpPost(account.baseUrl() + "/ws/page/" + pageIds.get(i++ % pageIds.size()));
                        post.setEntity(new StringEntity(body, ContentType.APPLICATION_XML.withCharset(StandardCharsets.UTF_8)));
                        byte[] page = http.execute(post, response -> {
                            if (response.getCode() != 200) {
                                throw new IllegalStateException("HTTP " + response.getCode());
                            }
                            return EntityUtils.toByteArray(response.getEntity());
                        });
                        if (System.currentTimeMillis() >= warmUpEnd) {
                            requests.incrementAndGet();
                            bytes.addAndGet(page.length);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> future : running) {
                future.get();
            }
            clients.shutdown();
            double perSecond = requests.get() * 1000.0 / MEASURE_MILLIS;
            report.add(String.format("full-page requests per second, limit off, %d client threads in the same JVM: %.0f"
                    + " (%.1f MB/s of XML, average page %d bytes)", CLIENT_THREADS, perSecond,
                    bytes.get() / 1e6 / (MEASURE_MILLIS / 1000.0), bytes.get() / Math.max(1, requests.get())));
            assertThat(perSecond).as("full pages per second").isGreaterThanOrEqualTo(2_000);
        }
        report.write();
    }
}
