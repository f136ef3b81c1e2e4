package org.backpackbatch.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.backpackbatch.api.model.Page;
import org.backpackbatch.api.model.PageSummary;
import org.backpackbatch.emulator.AccountSpec;
import org.backpackbatch.emulator.BackpackEmulator;
import org.backpackbatch.emulator.EmulatorConfig;
import org.junit.jupiter.api.Test;

/**
 * The server counts requests per account, so every client of an account in this process spends
 * one budget; and when someone else spends it too, the 503s that follow are waited out, not failures.
 */
class ThrottleSharingTest {

    private static final RateLimit LIMIT = new RateLimit(20, Duration.ofSeconds(1));
    private static final Duration DEADLINE = Duration.ofSeconds(40);
    private static final String WARM_UP = "warm-up";

    @Test
    void twoClientsOfOneAccountShareItsBudgetAndNeverMeetTheLimit() throws Exception {
        try (BackpackEmulator emulator = start("shared");
             BackpackClient warmUp = clientOf(emulator, WARM_UP, ClientSettings.defaults().withRate(LIMIT));
             BackpackClient first = clientOf(emulator, "shared", ClientSettings.defaults().withRate(LIMIT).withWorkers(2));
             BackpackClient second = clientOf(emulator, "shared", ClientSettings.defaults().withRate(LIMIT).withContact("ops@example.com"))) {
            BackpackEmulator.HostedAccount account = emulator.account("shared");
            // The throttle counts a request when it goes on the wire; a cold process (class loading on
            // both sides) gets it to the server later than that, by more than the margin on a loaded
            // machine. Warm the process up on an account of its own, which leaves this one's window empty.
            warmUp.page(warmUp.pages().get(0).id());
            assertThat(first.throttle()).isSameAs(second.throttle());
            List<PageSummary> summaries = first.pages();
            assertThat(second.pages()).isEqualTo(summaries);
            List<Long> ids = summaries.stream().limit(60).map(PageSummary::id).toList();
            assertThat(ids).hasSize(60);
            Map<Long, Page> read = readConcurrently(ids, List.of(first, second), 4);

            // with a budget each, the two would send 40 a second and meet the server's limit
            assertThat(emulator.rateLimitedCount()).as("requests refused with 503").isLessThanOrEqualTo(ArrivalJitter.TOLERATED_503S);
            assertThat(account.requestCount()).as("requests the account counted, each once and once more after a 503")
                    .isEqualTo(2 + ids.size() + emulator.rateLimitedCount());
            for (long id : ids) {
                assertThat(read.get(id)).isEqualTo(account.data().page(id));
            }
        }
    }

    @Test
    void anotherProcessSpendingTheSameBudgetSlowsTheReadButDoesNotBreakIt() throws Exception {
        try (BackpackEmulator emulator = start("contested");
             BackpackClient client = clientOf(emulator, "contested", ClientSettings.defaults().withRate(LIMIT))) {
            BackpackEmulator.HostedAccount account = emulator.account("contested");
            AtomicBoolean readDone = new AtomicBoolean();
            AtomicInteger competitorRequests = new AtomicInteger();
            ExecutorService competitor = Executors.newSingleThreadExecutor();
            Future<?> competing = competitor.submit(() -> compete(account, readDone, competitorRequests));
            try {
                ExecutorService reader = Executors.newSingleThreadExecutor();
                Future<Map<Long, Page>> reading = reader.submit(() -> {
                    Map<Long, Page> pages = new ConcurrentHashMap<>();
                    for (PageSummary summary : client.pages()) {
                        pages.put(summary.id(), client.page(summary.id()));
                    }
                    return pages;
                });
                Map<Long, Page> read;
                try {
                    read = reading.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
                } finally {
                    reader.shutdownNow();
                }

                assertThat(read).hasSize(100);
                for (PageSummary summary : account.data().allPages()) {
                    assertThat(read.get(summary.id())).isEqualTo(account.data().page(summary.id()));
                }
                assertThat(emulator.rateLimitedCount()).as("requests refused with 503").isPositive();
                assertThat(client.throttle().pauseCount()).as("503s our client waited out").isPositive();
                assertThat(competitorRequests.get()).isPositive();
            } finally {
                readDone.set(true);
                competing.get(5, TimeUnit.SECONDS);
                competitor.shutdownNow();
            }
        }
    }

    /**
     * "A second process": plain HTTP, posting {@code pages/all} ten times a second whatever the
     * answer, until the read is done or 30 seconds have passed.
     */
    private static Void compete(BackpackEmulator.HostedAccount account, AtomicBoolean readDone, AtomicInteger requests) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(account.baseUrl() + "/ws/pages/all"))
                .timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/xml")
                .POST(HttpRequest.BodyPublishers.ofString("<request><token>" + account.token() + "</token></request>", StandardCharsets.UTF_8))
                .build();
        long stopAt = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!readDone.get() && System.nanoTime() < stopAt) {
            http.send(request, HttpResponse.BodyHandlers.discarding());
            requests.incrementAndGet();
            Thread.sleep(100);
        }
        return null;
    }

    /** Reads the pages on {@code threads} threads, each request through the next client in turn. */
    private static Map<Long, Page> readConcurrently(List<Long> ids, List<BackpackClient> clients, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            Map<Long, Page> read = new ConcurrentHashMap<>();
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < ids.size(); i++) {
                long id = ids.get(i);
                BackpackClient client = clients.get(i % clients.size());
                done.add(pool.submit(() -> read.put(id, client.page(id))));
            }
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            for (Future<?> future : done) {
                future.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
            return read;
        } finally {
            pool.shutdownNow();
        }
    }

    private static BackpackEmulator start(String accountName) throws Exception {
        return BackpackEmulator.start(EmulatorConfig.defaults()
                .withAccounts(List.of(new AccountSpec(accountName, "100"), new AccountSpec(WARM_UP, "1")))
                .withRateLimit(LIMIT));
    }

    /** The clients of one process share its throttles, as the application's do. */
    private static final AccountThrottles THROTTLES = new AccountThrottles();

    private static BackpackClient clientOf(BackpackEmulator emulator, String accountName, ClientSettings settings) {
        BackpackEmulator.HostedAccount account = emulator.account(accountName);
        return new BackpackClient(AccountUrl.parse(account.baseUrl()), ApiToken.of(account.token()), settings, THROTTLES);
    }
}
