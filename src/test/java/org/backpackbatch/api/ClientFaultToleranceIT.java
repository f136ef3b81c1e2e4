package org.backpackbatch.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.backpackbatch.api.BackpackException.Kind;
import org.backpackbatch.api.model.Page;
import org.backpackbatch.api.model.PageSummary;
import org.backpackbatch.emulator.AccountSpec;
import org.backpackbatch.emulator.BackpackEmulator;
import org.backpackbatch.emulator.EmulatorConfig;
import org.backpackbatch.emulator.Fault;
import org.backpackbatch.emulator.FaultPlan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The client against an emulator that fails one request in ten: reads come out exactly as from a
 * healthy server, while a create whose answer is lost is reported as uncertain, never sent twice.
 */
class ClientFaultToleranceIT {

    private static final String ACCOUNT = "src";
    private static final long SEED_VALUE = 7;
    private static final double FAULT_RATE = 0.10;
    /** Quick retries: ten attempts, 20 ms up to 200 ms apart. */
    private static final ClientSettings QUICK_RETRIES = ClientSettings.defaults()
            .withRate(null)
            .withRetries(10, Duration.ofMillis(20), Duration.ofMillis(200))
            .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(10));

    /** Fault seeds 13 and 26 also cut a full page inside an entity reference and inside a UTF-8 character. */
    @ParameterizedTest(name = "fault seed {0}")
    @ValueSource(longs = {200, 13, 26})
    void readsThroughInjectedFaultsTheSameRecordsAsAHealthyServer(long faultSeed) throws Exception {
        FaultPlan faults = new FaultPlan(0, 0, FAULT_RATE, faultSeed);
        try (BackpackEmulator healthy = start("200", FaultPlan.NONE);
             BackpackEmulator faulty = start("200", faults)) {
            AccountRead expected = readEverything(healthy);
            AccountRead read = readEverything(faulty);

            assertThat(expected.summaries()).hasSize(200).isEqualTo(healthy.account(ACCOUNT).data().allPages());
            assertThat(expected.pages()).extracting(Page::id).containsExactlyElementsOf(expected.summaries().stream().map(PageSummary::id).toList());
            assertThat(read).isEqualTo(expected);
            for (Fault fault : List.of(Fault.SERVER_ERROR, Fault.DROPPED_CONNECTION, Fault.CUT_BODY)) {
                assertThat(faulty.faultCount(fault)).as("requests that met %s", fault).isPositive();
            }
            assertThat(healthy.faultCount(Fault.NONE)).isEqualTo(healthy.account(ACCOUNT).requestCount());
        }
    }

    @ParameterizedTest(name = "cut that breaks the HTTP framing: {0}")
    @ValueSource(booleans = {false, true})
    void aCreateWhoseAnswerIsCutIsUncertainAndWasApplied(boolean cutAborts) throws Exception {
        FaultPlan faults = planWhereFirstRequests(d -> d.fault() == Fault.CUT_BODY && d.cutAborts() == cutAborts);
        assertCreateIsUncertainButApplied(faults, Fault.CUT_BODY);
    }

    @Test
    void aCreateWhoseConnectionIsDroppedIsUncertainAndWasApplied() throws Exception {
        FaultPlan faults = planWhereFirstRequests(d -> d.fault() == Fault.DROPPED_CONNECTION);
        assertCreateIsUncertainButApplied(faults, Fault.DROPPED_CONNECTION);
    }

    @Test
    void aCreateThatMeetsAServerErrorIsRetriedAndHappensOnce() throws Exception {
        FaultPlan faults = planWhereFirstRequests(d -> d.fault() == Fault.SERVER_ERROR, d -> d.fault() == Fault.NONE);
        try (BackpackEmulator emulator = start("empty", faults);
             BackpackClient client = clientOf(emulator)) {
            BackpackEmulator.HostedAccount account = emulator.account(ACCOUNT);

            PageSummary created = client.createPage("Created once");

            assertThat(emulator.faultCount(Fault.SERVER_ERROR)).isEqualTo(1);
            assertThat(account.requestCount()).isEqualTo(2);
            assertThat(account.data().allPages()).singleElement().satisfies(page -> {
                assertThat(page.id()).isEqualTo(created.id());
                assertThat(page.title()).isEqualTo("Created once");
            });
        }
    }

    private void assertCreateIsUncertainButApplied(FaultPlan faults, Fault fault) throws Exception {
        try (BackpackEmulator emulator = start("empty", faults);
             BackpackClient client = clientOf(emulator)) {
            BackpackEmulator.HostedAccount account = emulator.account(ACCOUNT);

            assertThatThrownBy(() -> client.createPage("Maybe created"))
                    .isInstanceOfSatisfying(BackpackException.class, e -> assertThat(e.kind()).as(e.getMessage()).isEqualTo(Kind.UNCERTAIN))
                    .hasMessageContaining("/ws/pages/new")
                    .hasMessageContaining("may have been applied");

            assertThat(emulator.faultCount(fault)).isEqualTo(1);
            assertThat(account.requestCount()).as("the create is not sent again").isEqualTo(1);
            assertThat(account.data().allPages()).extracting(PageSummary::title).containsExactly("Maybe created");
        }
    }

    /** The first fault seed whose first requests (numbered from 1) get the given treatments. */
    @SafeVarargs
    private static FaultPlan planWhereFirstRequests(Predicate<FaultPlan.Decision>... treatments) {
        for (long seed = 1; seed < 1_000_000; seed++) {
            FaultPlan plan = new FaultPlan(0, 0, FAULT_RATE, seed);
            boolean matches = true;
            for (int n = 0; n < treatments.length && matches; n++) {
                matches = treatments[n].test(plan.decide(n + 1));
            }
            if (matches) {
                return plan;
            }
        }
        throw new IllegalStateException("no fault seed gives these treatments");
    }

    /** {@code pages/all} and every full page, as one client reads them. */
    private record AccountRead(List<PageSummary> summaries, List<Page> pages) {
    }

    private static AccountRead readEverything(BackpackEmulator emulator) {
        try (BackpackClient client = clientOf(emulator)) {
            List<PageSummary> summaries = client.pages();
            List<Page> pages = new ArrayList<>();
            for (PageSummary summary : summaries) {
                pages.add(client.page(summary.id()));
            }
            return new AccountRead(summaries, pages);
        }
    }

    private static BackpackEmulator start(String seed, FaultPlan faults) throws Exception {
        return BackpackEmulator.start(EmulatorConfig.defaults()
                .withAccounts(List.of(new AccountSpec(ACCOUNT, seed)))
                .withSeed("demo", SEED_VALUE)
                .withRateLimit(null)
                .withFaults(faults));
    }

    private static BackpackClient clientOf(BackpackEmulator emulator) {
        BackpackEmulator.HostedAccount account = emulator.account(ACCOUNT);
        return new BackpackClient(AccountUrl.parse(account.baseUrl()), ApiToken.of(account.token()), QUICK_RETRIES);
    }
}
