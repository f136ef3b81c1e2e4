package org.backpackbatch.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.backpackbatch.api.RateLimit;
import org.backpackbatch.emulator.BackpackEmulator.HostedAccount;
import org.backpackbatch.emulator.RawHttp.Reply;
import org.junit.jupiter.api.Test;

/**
 * The per-account sliding window of the emulator, seen from a client: 503 with Retry-After, and
 * when it lets go. The window counts arrivals on a clock the test moves, so every arrival is
 * exactly where the test puts it.
 */
class EmulatorRateLimitTest {

    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    /** Where the emulator's rate limits are in time; it moves only when a test moves it. */
    private final AtomicLong clock = new AtomicLong(1_000 * MS);

    private BackpackEmulator start(RateLimit limit, RateLimit calendarLimit, String accounts) throws IOException {
        return BackpackEmulator.start(new EmulatorConfig("127.0.0.1", 0, AccountSpec.parseList(accounts), "empty", 1,
                limit, calendarLimit, FaultPlan.NONE, false), clock::get);
    }

    private static Reply pagesAll(HostedAccount account) {
        return RawHttp.ws(account, "/ws/pages/all", "");
    }

    private static void assertAdmitted(HostedAccount account, int requests) {
        for (int request = 1; request <= requests; request++) {
            assertThat(pagesAll(account).status()).as("request %d of %d", request, requests).isEqualTo(200);
        }
    }

    /** Moves the clock to {@code ms} after where the test began. */
    private void at(long ms) {
        clock.set(1_000 * MS + ms * MS);
    }

    @Test
    void theDefaultLimitIsTheServicesHundredInFiveSeconds() {
        assertThat(EmulatorConfig.defaults().rateLimit()).isEqualTo(new RateLimit(100, Duration.ofSeconds(5)));
    }

    @Test
    void aFullWindowAnswersTheNextRequestWith503AndARetryAfterUntilItsFirstArrivalLeaves() throws IOException {
        try (BackpackEmulator emulator = start(RateLimit.DEFAULT, RateLimit.CALENDAR_DEFAULT, "acme")) {
            HostedAccount acme = emulator.account("acme");

            assertAdmitted(acme, 100);
            at(1200);
            Reply refused = pagesAll(acme);

            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.body()).doesNotContain("<response");
            assertThat(refused.header("Retry-After")).as("whole seconds until the first arrival leaves, 3.8 s from now").isEqualTo("4");
            assertThat(emulator.rateLimitedCount()).isEqualTo(1);
            assertThat(acme.requestCount()).isEqualTo(101);
        }
    }

    @Test
    void oneKeptAliveConnectionCanSpendTheWholeBudget() throws IOException {
        try (BackpackEmulator emulator = start(RateLimit.DEFAULT, RateLimit.CALENDAR_DEFAULT, "acme")) {
            HostedAccount acme = emulator.account("acme");

            assertAdmitted(acme, 100);

            // without TCP_NODELAY each answer's body would wait for the client's delayed ACK, 40 ms a request
            assertThat(System.getProperty("sun.net.httpserver.nodelay")).isEqualTo("true");
        }
    }

    @Test
    void retryAfterRoundsUpSoThatWaitingItIsEnough() throws Exception {
        try (BackpackEmulator emulator = start(new RateLimit(2, Duration.ofMillis(1500)), RateLimit.CALENDAR_DEFAULT, "acme")) {
            HostedAccount acme = emulator.account("acme");

            assertAdmitted(acme, 2);
            at(200);
            Reply refused = pagesAll(acme);

            assertThat(refused.status()).isEqualTo(503);
            // the slot frees 1.3 s from now: a whole-second hint must say 2, not 1
            assertThat(refused.header("Retry-After")).isEqualTo("2");

            at(200 + 2000);
            assertThat(pagesAll(acme).status()).isEqualTo(200);
        }
    }

    @Test
    void theWindowSlidesArrivalsLeaveOneByOneNotAllAtOnce() throws Exception {
        try (BackpackEmulator emulator = start(new RateLimit(10, Duration.ofSeconds(2)), RateLimit.CALENDAR_DEFAULT, "acme")) {
            HostedAccount acme = emulator.account("acme");

            assertAdmitted(acme, 6);

            at(1000);
            assertAdmitted(acme, 4);
            assertThat(pagesAll(acme).status()).as("ten arrivals in the window").isEqualTo(503);

            at(1700);
            assertThat(pagesAll(acme).status()).as("no arrival has left the window yet").isEqualTo(503);

            at(2100);
            assertAdmitted(acme, 6);
            Reply refused = pagesAll(acme);
            assertThat(refused.status()).as("the four from the second burst are still inside").isEqualTo(503);
            assertThat(refused.header("Retry-After")).isEqualTo("1");
            assertThat(emulator.rateLimitedCount()).isEqualTo(3);
        }
    }

    @Test
    void offMeansNoLimit() throws IOException {
        try (BackpackEmulator emulator = start(null, null, "acme")) {
            HostedAccount acme = emulator.account("acme");

            assertAdmitted(acme, 120);
            for (int request = 0; request < 20; request++) {
                assertThat(RawHttp.post(acme.baseUrl() + "/calendars.xml", "").status()).isNotEqualTo(503);
            }
            assertThat(emulator.rateLimitedCount()).isZero();
        }
    }

    @Test
    void calendarPathsSpendTheirOwnBudgetNotTheGeneralOne() throws IOException {
        RateLimit general = new RateLimit(4, Duration.ofMinutes(1));
        RateLimit calendar = new RateLimit(2, Duration.ofMinutes(1));
        try (BackpackEmulator emulator = start(general, calendar, "general-first,calendar-first")) {
            HostedAccount generalFirst = emulator.account("general-first");
            assertAdmitted(generalFirst, 4);
            assertThat(pagesAll(generalFirst).status()).isEqualTo(503);
            assertThat(calendarRequest(generalFirst, "/calendars.xml").status()).isNotEqualTo(503);
            assertThat(calendarRequest(generalFirst, "/calendars/1/calendar_events.xml").status()).isNotEqualTo(503);
            Reply refused = calendarRequest(generalFirst, "/calendar_events.xml");
            assertThat(refused.status()).isEqualTo(503);
            assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(50L, 60L);

            HostedAccount calendarFirst = emulator.account("calendar-first");
            assertThat(calendarRequest(calendarFirst, "/calendars.xml").status()).isNotEqualTo(503);
            assertThat(calendarRequest(calendarFirst, "/calendar_events/7.xml").status()).isNotEqualTo(503);
            for (String path : List.of("/calendars.xml", "/calendars/1/calendar_events.xml", "/calendar_events.xml")) {
                assertThat(calendarRequest(calendarFirst, path).status()).as(path).isEqualTo(503);
            }
            assertAdmitted(calendarFirst, 4);
            assertThat(pagesAll(calendarFirst).status()).isEqualTo(503);
        }
    }

    private static Reply calendarRequest(HostedAccount account, String path) {
        return RawHttp.send("GET", account.baseUrl() + path, null);
    }
}
