package org.backpackbatch.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.backpackbatch.api.model.PageSummary;
import org.backpackbatch.api.xml.BackpackXmlReader;
import org.backpackbatch.api.xml.MalformedXmlException;
import org.backpackbatch.emulator.BackpackEmulator.HostedAccount;
import org.backpackbatch.emulator.FaultPlan.Decision;
import org.backpackbatch.emulator.RawHttp.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Faults and latency: decided by seed and request number alone, and on the wire as Fault documents them. */
class EmulatorFaultsIT {

    private static final long SEED = 20;
    private static final FaultPlan EVERY_REQUEST = new FaultPlan(0, 0, 1.0, SEED);
    /** Enough requests for the seed to hit a 500, a drop, and a cut body both with and without broken framing. */
    private static final int REQUESTS = 40;

    private static List<Decision> decisions(FaultPlan plan, int count) {
        return LongStream.rangeClosed(1, count).mapToObj(plan::decide).toList();
    }

    private static BackpackEmulator start(FaultPlan faults) throws IOException {
        return BackpackEmulator.start(EmulatorConfig.defaults().withSeed("empty", 1).withRateLimit(null).withFaults(faults));
    }

    @Test
    void theSameSeedGivesTheSameDecisionsAnotherSeedOthers() {
        assertThat(decisions(new FaultPlan(5, 90, 0.3, SEED), 500)).isEqualTo(decisions(new FaultPlan(5, 90, 0.3, SEED), 500));
        assertThat(decisions(EVERY_REQUEST, 100)).isEqualTo(decisions(new FaultPlan(0, 0, 1.0, SEED), 100));

        assertThat(decisions(EVERY_REQUEST, 100).stream().map(Decision::fault).toList())
                .isNotEqualTo(decisions(new FaultPlan(0, 0, 1.0, SEED + 1), 100).stream().map(Decision::fault).toList());
        assertThat(decisions(new FaultPlan(5, 90, 0, SEED), 100).stream().map(Decision::latencyMs).toList())
                .isNotEqualTo(decisions(new FaultPlan(5, 90, 0, SEED + 1), 100).stream().map(Decision::latencyMs).toList());
    }

    @Test
    void rateOneFaultsEveryRequestWithEveryKindAndRateZeroNone() {
        List<Decision> faulted = decisions(EVERY_REQUEST, 300);
        assertThat(faulted).extracting(Decision::fault).doesNotContain(Fault.NONE)
                .contains(Fault.SERVER_ERROR, Fault.DROPPED_CONNECTION, Fault.CUT_BODY);
        assertThat(faulted).filteredOn(decision -> decision.fault() == Fault.CUT_BODY)
                .extracting(Decision::cutAborts).contains(true, false);
        assertThat(faulted).allSatisfy(decision -> assertThat(decision.cutAt()).isBetween(0.1, 0.9));

        assertThat(decisions(new FaultPlan(0, 0, 0, SEED), 300)).extracting(Decision::fault).containsOnly(Fault.NONE);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 20, -77})
    void aRateOfOneTenthFaultsAboutOneRequestInTen(long seed) {
        long faulted = decisions(new FaultPlan(0, 0, 0.1, seed), 300).stream().filter(decision -> decision.fault() != Fault.NONE).count();

        assertThat(faulted).as("faults in 300 requests").isBetween(15L, 45L);
    }

    @Test
    void theKindsShareTheFaultsEvenly() {
        Map<Fault, Integer> counts = new EnumMap<>(Fault.class);
        decisions(new FaultPlan(0, 0, 0.1, SEED), 30_000).forEach(decision -> counts.merge(decision.fault(), 1, Integer::sum));

        assertThat(counts.get(Fault.NONE)).isBetween(26_400, 27_600);
        for (Fault kind : List.of(Fault.SERVER_ERROR, Fault.DROPPED_CONNECTION, Fault.CUT_BODY)) {
            assertThat(counts.get(kind)).as(kind.name()).isBetween(800, 1_200);
        }
    }

    @Test
    void latencyIsFixedOrDrawnWithinItsBounds() {
        assertThat(decisions(new FaultPlan(150, 150, 0.5, SEED), 200)).extracting(Decision::latencyMs).containsOnly(150);

        List<Integer> drawn = decisions(new FaultPlan(20, 60, 0, SEED), 2_000).stream().map(Decision::latencyMs).toList();
        assertThat(drawn).allSatisfy(latency -> assertThat(latency).isBetween(20, 60)).contains(20, 60);
        assertThat(drawn.stream().distinct().count()).isEqualTo(41);
    }

    @Test
    void refusesImpossiblePlans() {
        assertThatThrownBy(() -> new FaultPlan(-1, 0, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FaultPlan(5, 2, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FaultPlan(0, 0, 1.5, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FaultPlan(0, 0, -0.1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(FaultPlan.parseLatency("150")).containsExactly(150, 150);
        assertThat(FaultPlan.parseLatency("20-60")).containsExactly(20, 60);
        assertThatThrownBy(() -> FaultPlan.parseLatency("fast")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyKindOfFaultBehavesAsDocumented() throws IOException {
        List<Decision> planned = decisions(EVERY_REQUEST, REQUESTS);
        assertThat(planned).extracting(Decision::fault).contains(Fault.SERVER_ERROR, Fault.DROPPED_CONNECTION, Fault.CUT_BODY);
        assertThat(planned).filteredOn(decision -> decision.fault() == Fault.CUT_BODY)
                .extracting(Decision::cutAborts).contains(true, false);

        try (BackpackEmulator emulator = start(EVERY_REQUEST)) {
            HostedAccount acme = emulator.account("acme");
            for (int number = 1; number <= REQUESTS; number++) {
                Decision decision = planned.get(number - 1);
                String title = "page " + number;
                String described = "request " + number + ", " + decision;
                Reply reply;
                try {
                    reply = RawHttp.ws(acme, "/ws/pages/new", "<page><title>" + title + "</title></page>");
                } catch (UncheckedIOException e) {
                    reply = null;
                }
                List<PageSummary> created = acme.data().allPages().stream().filter(page -> page.title().equals(title)).toList();

                switch (decision.fault()) {
                    case SERVER_ERROR -> {
                        assertThat(reply).as(described).isNotNull();
                        assertThat(reply.status()).as(described).isEqualTo(500);
                        assertThat(reply.header("Content-Type")).as(described).startsWith("text/html");
                        assertThat(reply.body()).as(described).isNotBlank().doesNotContain("<response", "success");
                        assertThat(created).as(described + ": nothing was carried out").isEmpty();
                    }
                    case DROPPED_CONNECTION -> {
                        assertThat(reply).as(described + ": no answer at all").isNull();
                        assertThat(created).as(described + ": carried out once").hasSize(1);
                    }
                    case CUT_BODY -> {
                        assertThat(created).as(described + ": carried out once").hasSize(1);
                        if (decision.cutAborts()) {
                            assertThat(reply).as(described + ": the connection breaks mid-body").isNull();
                        } else {
                            assertCutWithValidFraming(reply, created.get(0), described);
                        }
                    }
                    default -> fail("a fault rate of 1 faulted nothing at " + described);
                }
            }
            for (Fault kind : List.of(Fault.SERVER_ERROR, Fault.DROPPED_CONNECTION, Fault.CUT_BODY)) {
                assertThat(emulator.faultCount(kind)).as(kind.name()).isEqualTo(planned.stream().filter(d -> d.fault() == kind).count());
            }
            assertThat(emulator.faultCount(Fault.NONE)).isZero();
        }
    }

    private static void assertCutWithValidFraming(Reply reply, PageSummary created, String described) {
        PageSummary answered = new PageSummary(created.id(), created.title(), null);
        String whole = new String(Answer.xml(w -> w.beginResponse().pageSummary(answered).endResponse()).body(), StandardCharsets.UTF_8);
        assertThat(reply).as(described + ": a complete HTTP answer").isNotNull();
        assertThat(reply.status()).as(described).isEqualTo(200);
        assertThat(reply.header("Content-Length")).as(described + ": framing matches the bytes sent")
                .isEqualTo(Integer.toString(reply.body().length()));
        assertThat(reply.body()).as(described).isNotEmpty().hasSizeLessThan(whole.length());
        assertThat(whole).as(described + ": the body is the start of the real answer").startsWith(reply.body());
        assertThatThrownBy(() -> BackpackXmlReader.readPageSummary(new ByteArrayInputStream(reply.body().getBytes(StandardCharsets.UTF_8))))
                .as(described).isInstanceOf(MalformedXmlException.class);
    }

    @Test
    void aFixedLatencyDelaysEveryAnswer() throws IOException {
        try (BackpackEmulator emulator = start(new FaultPlan(150, 150, 0, SEED))) {
            HostedAccount acme = emulator.account("acme");
            for (int request = 0; request < 3; request++) {
                long sent = System.nanoTime();
                assertThat(RawHttp.ws(acme, "/ws/pages/all", "").status()).isEqualTo(200);
                assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent)).isBetween(150L, 1_150L);
            }
        }
    }

    @Test
    void aLatencyRangeDelaysEachAnswerByItsDrawnAmount() throws IOException {
        FaultPlan plan = new FaultPlan(10, 200, 0, SEED);
        List<Decision> planned = decisions(plan, 6);
        assertThat(planned.stream().map(Decision::latencyMs).distinct().count()).isGreaterThan(1);
        try (BackpackEmulator emulator = start(plan)) {
            HostedAccount acme = emulator.account("acme");
            for (Decision decision : planned) {
                long sent = System.nanoTime();
                assertThat(RawHttp.ws(acme, "/ws/pages/all", "").status()).isEqualTo(200);
                long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent);
                assertThat(elapsedMs).as(decision.toString()).isBetween((long) decision.latencyMs(), decision.latencyMs() + 1_000L);
            }
        }
    }
}
