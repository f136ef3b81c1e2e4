package org.backpackbatch.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.backpackbatch.api.model.Calendar;
import org.backpackbatch.api.model.CalendarEvent;
import org.backpackbatch.emulator.BackpackEmulator;
import org.backpackbatch.emulator.EmulatedAccount;
import org.backpackbatch.emulator.EmulatorConfig;
import org.junit.jupiter.api.Test;

/**
 * Calendar endpoints have their own limit, 10 requests in any 5 s: every client and worker of an
 * account spends one calendar budget, apart from the general one, and never meets the server's 503.
 */
class CalendarBudgetTest {

    private static final int THREADS = 4;
    private static final int REQUESTS_PER_THREAD = 5;

    @Test
    void calendarRequestsOfSeveralThreadsAndClientsShareOneBudgetAndMeetNo503() throws Exception {
        try (BackpackEmulator emulator = BackpackEmulator.start(EmulatorConfig.defaults());
             BackpackClient first = clientOf(emulator);
             BackpackClient second = clientOf(emulator)) {
            EmulatedAccount data = emulator.account("acme").data();
            assertThat(first.throttle(RequestBudget.CALENDAR)).isSameAs(second.throttle(RequestBudget.CALENDAR))
                    .isNotSameAs(first.throttle(RequestBudget.GENERAL));
            assertThat(first.throttle(RequestBudget.CALENDAR).limit()).isEqualTo(RateLimit.CALENDAR_DEFAULT);
            List<Calendar> calendars = data.calendars().all();
            long plumber = data.calendars().events(calendars.get(1).id()).get(0).id();

            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            try {
                // Open every thread's connection and wake the server's workers on the general budget, so
                // that no calendar request pays for a cold path the server would count after the client did.
                for (Future<List<Object>> warm : runOnEachThread(pool, first, second, client -> List.of(client.users()))) {
                    warm.get(60, TimeUnit.SECONDS);
                }
                List<Future<List<Object>>> reads = runOnEachThread(pool, first, second, client -> {
                    List<Object> read = new ArrayList<>();
                    for (int request = 0; request < REQUESTS_PER_THREAD; request++) {
                        read.add(switch (request % 3) {
                            case 0 -> client.calendars();
                            case 1 -> client.calendarEvents(calendars.get(0).id());
                            default -> client.calendarEvent(plumber);
                        });
                        read.add(client.users());
                    }
                    return read;
                });
                for (Future<List<Object>> read : reads) {
                    List<Object> answers = read.get(60, TimeUnit.SECONDS);
                    assertThat(answers).contains(calendars, data.calendars().events(calendars.get(0).id()), data.users());
                    assertThat(answers).filteredOn(CalendarEvent.class::isInstance).containsOnly(data.calendars().event(plumber));
                }
            } finally {
                pool.shutdownNow();
            }

            // With a budget per client the 20 calendar requests would go out at once and about 10 would
            // meet the server's 503. Shared, none should; a loaded machine can delay one arrival past
            // the throttle's margin (the server counts arrivals, the client its sends), which the throttle
            // then waits out: that much jitter is tolerated.
            assertThat(emulator.rateLimitedCount()).as("requests refused with 503").isLessThanOrEqualTo(ArrivalJitter.TOLERATED_503S);
            assertThat(first.throttle(RequestBudget.CALENDAR).pauseCount()).isLessThanOrEqualTo(ArrivalJitter.TOLERATED_503S);
            assertThat(emulator.account("acme").requestCount()).as("each request once, and once more after each 503")
                    .isEqualTo(THREADS + 2L * THREADS * REQUESTS_PER_THREAD + emulator.rateLimitedCount());
        }
    }

    /** Runs {@code work} once on each of the pool's threads, through the two clients in turn. */
    private static List<Future<List<Object>>> runOnEachThread(ExecutorService pool, BackpackClient first, BackpackClient second,
            Function<BackpackClient, List<Object>> work) {
        List<Future<List<Object>>> running = new ArrayList<>();
        for (int thread = 0; thread < THREADS; thread++) {
            BackpackClient client = thread % 2 == 0 ? first : second;
            running.add(pool.submit(() -> work.apply(client)));
        }
        return running;
    }

    /** The clients of one process share its throttles, as the application's do. */
    private static final AccountThrottles THROTTLES = new AccountThrottles();

    private static BackpackClient clientOf(BackpackEmulator emulator) {
        BackpackEmulator.HostedAccount account = emulator.account("acme");
        return new BackpackClient(AccountUrl.parse(account.baseUrl()), ApiToken.of(account.token()),
                ClientSettings.defaults().withWorkers(THREADS), THROTTLES);
    }
}
