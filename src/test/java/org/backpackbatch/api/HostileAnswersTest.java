package org.backpackbatch.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.backpackbatch.api.BackpackException.Kind;
import org.backpackbatch.api.model.PageSummary;
import org.backpackbatch.api.model.Scope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The client against a server that answers what no Backpack server would: each answer ends
 * quickly in a BackpackException of a kind a caller can act on, never in a hang, a read of a local
 * file, a connection elsewhere, or an exhausted heap.
 */
class HostileAnswersTest {

    /** Only a guard against a hang, long enough for 70 MB on a busy machine. */
    private static final Duration QUICKLY = Duration.ofSeconds(90);
    private static final int ATTEMPTS = 3;
    private static final String TOKEN = "0123456789abcdef0123456789abcdef01234567";
    private static final String PAGES = "<response success='true'><pages><page id='1' title='Plans' scope='personal'/></pages></response>";
    private static final String HTML = "<!DOCTYPE html><html><head><title>Bad Gateway</title></head><body><h1>502</h1><p>nginx<br></body></html>";

    /** The HTTP date a server sends (RFC 9110): Sun, 06 Nov 1994 08:49:37 GMT. */
    private static final DateTimeFormatter IMF_FIXDATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH);

    private static final ClientSettings SETTINGS = ClientSettings.defaults()
            .withRetries(ATTEMPTS, Duration.ofMillis(10), Duration.ofMillis(50))
            .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(10));
    /** For the answers of 70 MB: only their size may stop them, never the request timeout. */
    private static final ClientSettings LARGE_ANSWERS = SETTINGS.withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(80));

    // ---- DTDs and entities ------------------------------------------------------------------

    @Test
    void anEntityReadingALocalFileIsRefusedAndTheFileNeverRead(@TempDir Path dir) throws IOException {
        String marker = "MARKER-" + UUID.randomUUID();
        Path secret = Files.writeString(dir.resolve("secret.txt"), marker);
        String body = "<?xml version='1.0'?><!DOCTYPE response [<!ENTITY xxe SYSTEM '" + secret.toUri() + "'>]>"
                + "<response success='true'><pages><page id='1' title='&xxe;'/></pages></response>";

        BackpackException refused = refusedOnce(body, Kind.INVALID_ANSWER);

        assertThat(everything(refused)).doesNotContain(marker);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "<?xml version='1.0'?><!DOCTYPE response [<!ENTITY xxe SYSTEM 'http://127.0.0.1:PORT/leak'>]>"
                    + "<response success='true'><pages><page id='1' title='&xxe;'/></pages></response>",
            "<?xml version='1.0'?><!DOCTYPE response SYSTEM 'http://127.0.0.1:PORT/evil.dtd'>"
                    + "<response success='true'><pages/></response>",
            "<?xml version='1.0'?><!DOCTYPE response [<!ENTITY % remote SYSTEM 'http://127.0.0.1:PORT/evil.dtd'> %remote;]>"
                    + "<response success='true'><pages/></response>"})
    void anEntityOnAnotherServerIsRefusedWithoutConnectingToIt(String template) throws IOException {
        try (ServerSocket elsewhere = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            refusedOnce(template.replace("PORT", Integer.toString(elsewhere.getLocalPort())), Kind.INVALID_ANSWER);

            elsewhere.setSoTimeout(300);
            assertThatThrownBy(elsewhere::accept).as("a connection to the entity's server").isInstanceOf(SocketTimeoutException.class);
        }
    }

    @Test
    void aBillionLaughsBombIsRefused() throws IOException {
        StringBuilder dtd = new StringBuilder("<?xml version='1.0'?><!DOCTYPE response [<!ENTITY lol0 'lol'>");
        for (int i = 1; i <= 9; i++) {
            dtd.append("<!ENTITY lol").append(i).append(" '").append(("&lol" + (i - 1) + ";").repeat(10)).append("'>");
        }
        String body = dtd + "]><response success='true'><pages><page id='1' title='&lol9;'/></pages></response>";

        refusedOnce(body, Kind.INVALID_ANSWER);
    }

    // ---- sizes --------------------------------------------------------------------------------

    @Test
    void aTextNodePastTheAnswerBoundIsRefused() throws IOException {
        // one text may be as long as an answer (a huge note is real data), but no longer
        long size = 70L * 1000 * 1000;
        assertThat(size).isGreaterThan(BackpackTransport.MAX_ANSWER_BYTES);
        try (ScriptedServer server = ScriptedServer.start("127.0.0.1", (exchange, n) -> ScriptedServer.stream(exchange,
                "<response success='true'><pages><page id='1' title='t'>", "0123456789abcdef", size,
                "</page></pages></response>"))) {
            BackpackException refused = refused(server, Kind.INVALID_ANSWER, LARGE_ANSWERS);
            assertThat(refused).hasMessageContaining("larger than 64 MiB");
            assertThat(server.requests()).isEqualTo(1);
        }
    }

    @Test
    void anAnswerLargerThanTheCapIsRefused() throws IOException {
        // 70 MB of small elements that the reader skips: only the cap on the answer's size stops it
        String block = "<pad>" + "<x>0123456789</x>".repeat(1000) + "</pad>";
        long size = 70L * 1000 * 1000;
        assertThat(size).isGreaterThan(BackpackTransport.MAX_ANSWER_BYTES);
        try (ScriptedServer server = ScriptedServer.start("127.0.0.1", (exchange, n) -> ScriptedServer.stream(exchange,
                "<response success='true'><pages>", block, size, "</pages></response>"))) {
            BackpackException refused = refused(server, Kind.INVALID_ANSWER, LARGE_ANSWERS);
            assertThat(refused).hasMessageContaining("larger than 64 MiB");
            assertThat(server.requests()).isEqualTo(1);
        }
    }

    // ---- cut, empty, not XML ------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {
            "<response success='true'><pages><page id='1' title='Plans'/>",
            "<response success='tr",
            "<response success='true'><pages><page id='1' title='Rock &amp",
            "<response success='true'><pages><page id='1' title='Z\u00fc"})
    void aCutAnswerIsRetriedThenUnavailable(String cut) throws IOException {
        // the last case is cut inside the two bytes of ü
        byte[] utf8 = cut.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        int length = cut.endsWith("\u00fc") ? utf8.length - 1 : utf8.length;
        try (ScriptedServer server = ScriptedServer.start("127.0.0.1", (exchange, n) -> {
            exchange.sendResponseHeaders(200, length);
            exchange.getResponseBody().write(utf8, 0, length);
        })) {
            BackpackException refused = refused(server, Kind.UNAVAILABLE);
            assertThat(refused).hasMessageContaining("cut off").hasMessageContaining("failed " + ATTEMPTS + " times");
            assertThat(server.requests()).isEqualTo(ATTEMPTS);
        }
    }

    @Test
    void anHtmlPageWithStatus200IsNotBackpackXml() throws IOException {
        assertThat(refusedOnce(HTML, Kind.INVALID_ANSWER)).hasMessageContaining("HTML");
    }

    @Test
    void anHtmlPageWithStatus502IsRetriedThenUnavailable() throws IOException {
        try (ScriptedServer server = ScriptedServer.answering(502, HTML, "Content-Type", "text/html")) {
            assertThat(refused(server, Kind.UNAVAILABLE)).hasMessageContaining("HTTP 502");
            assertThat(server.requests()).isEqualTo(ATTEMPTS);
        }
    }

    @Test
    void anEmptyAnswerWithStatus200IsNotBackpackXml() throws IOException {
        assertThat(refusedOnce("", Kind.INVALID_ANSWER)).hasMessageContaining("empty");
    }

    // ---- Retry-After --------------------------------------------------------------------------

    @Test
    void twoRateLimitAnswersAreWaitedOutThenTheReadSucceeds() throws IOException {
        List<Long> arrivals = new CopyOnWriteArrayList<>();
        try (ScriptedServer server = ScriptedServer.start("127.0.0.1", (exchange, n) -> {
            arrivals.add(System.nanoTime());
            if (n <= 2) {
                ScriptedServer.reply(exchange, 503, "Rate limit exceeded", "Retry-After", "1");
            } else {
                ScriptedServer.reply(exchange, 200, PAGES, "Content-Type", "application/xml");
            }
        }); BackpackClient client = clientOf(server, SETTINGS)) {
            List<PageSummary> pages = assertTimeoutPreemptively(QUICKLY, client::pages);

            assertThat(pages).containsExactly(new PageSummary(1, "Plans", Scope.PERSONAL));
            assertThat(server.requests()).isEqualTo(3);
            for (int retry = 1; retry < arrivals.size(); retry++) {
                assertThat(Duration.ofNanos(arrivals.get(retry) - arrivals.get(retry - 1))).as("retry %d, after the Retry-After of 1 s", retry)
                        .isGreaterThanOrEqualTo(Duration.ofMillis(950));
            }
            assertThat(client.throttle().pauseCount()).isEqualTo(2);
        }
    }

    @Test
    void aRetryAfterBeyondTheConfiguredMaximumIsRateLimited() throws IOException {
        try (ScriptedServer server = ScriptedServer.answering(503, "Come back tomorrow", "Retry-After", "3600");
             BackpackClient client = clientOf(server, SETTINGS.withMaxRetryAfter(Duration.ofSeconds(2)))) {
            BackpackException refused = failure(client, Kind.RATE_LIMITED);

            assertThat(refused).hasMessageContaining("3600 s (Retry-After)").hasMessageContaining("2 s");
            assertThat(client.throttle().pauseCount()).as("pauses taken: none, the answer is refused at once").isZero();
            assertThat(server.requests()).isEqualTo(1);
        }
    }

    @Test
    void aRetryAfterDateIsWaitedForThenTheReadSucceeds() throws IOException {
        List<Instant> arrivals = new CopyOnWriteArrayList<>();
        List<Instant> dates = new CopyOnWriteArrayList<>();
        try (ScriptedServer server = ScriptedServer.start("127.0.0.1", (exchange, n) -> {
            arrivals.add(Instant.now());
            if (n == 1) {
                Instant date = Instant.now().plusSeconds(2).truncatedTo(ChronoUnit.SECONDS);
                dates.add(date);
                ScriptedServer.reply(exchange, 503, "Rate limit exceeded", "Retry-After", IMF_FIXDATE.format(date.atZone(ZoneOffset.UTC)));
            } else {
                ScriptedServer.reply(exchange, 200, PAGES, "Content-Type", "application/xml");
            }
        }); BackpackClient client = clientOf(server, SETTINGS)) {
            List<PageSummary> pages = assertTimeoutPreemptively(QUICKLY, client::pages);

            assertThat(pages).containsExactly(new PageSummary(1, "Plans", Scope.PERSONAL));
            assertThat(client.throttle().pauseCount()).as("503s waited out by the throttle").isEqualTo(1);
            assertThat(arrivals).hasSize(2);
            // the same clock on both sides; a little slack for the two ways of reading it
            assertThat(arrivals.get(1)).as("the retry, against the date asked for").isAfter(dates.get(0).minusMillis(100));
        }
    }

    @Test
    void aRetryAfterDateBeyondTheConfiguredMaximumIsRateLimited() throws IOException {
        String inAnHour = IMF_FIXDATE.format(ZonedDateTime.now(ZoneOffset.UTC).plusHours(1));
        try (ScriptedServer server = ScriptedServer.answering(503, "Come back later", "Retry-After", inAnHour);
             BackpackClient client = clientOf(server, SETTINGS.withMaxRetryAfter(Duration.ofSeconds(2)))) {
            BackpackException refused = failure(client, Kind.RATE_LIMITED);

            assertThat(refused).hasMessageContaining("(Retry-After), more than the 2 s this client waits");
            assertThat(server.requests()).isEqualTo(1);
        }
    }

    // ---- helpers ------------------------------------------------------------------------------

    /** A server answering {@code body} with 200: the read must fail with {@code kind} at the first request. */
    private static BackpackException refusedOnce(String body, Kind kind) throws IOException {
        try (ScriptedServer server = ScriptedServer.answering(200, body, "Content-Type", "application/xml")) {
            BackpackException refused = refused(server, kind);
            assertThat(server.requests()).as("requests for a %s answer", kind).isEqualTo(1);
            return refused;
        }
    }

    private static BackpackException refused(ScriptedServer server, Kind kind) {
        return refused(server, kind, SETTINGS);
    }

    private static BackpackException refused(ScriptedServer server, Kind kind, ClientSettings settings) {
        try (BackpackClient client = clientOf(server, settings)) {
            return failure(client, kind);
        }
    }

    private static BackpackException failure(BackpackClient client, Kind kind) {
        return assertTimeoutPreemptively(QUICKLY, () -> {
            try {
                List<PageSummary> pages = client.pages();
                throw new AssertionError("expected " + kind + ", the client read " + pages);
            } catch (BackpackException e) {
                assertThat(e.kind()).as(e.getMessage()).isEqualTo(kind);
                assertThat(e.getMessage()).hasSizeLessThan(1000).contains(client.account().toString());
                return e;
            }
        });
    }

    private static BackpackClient clientOf(ScriptedServer server, ClientSettings settings) {
        return new BackpackClient(AccountUrl.parse(server.accountUrl()), ApiToken.of(TOKEN), settings);
    }

    /** The messages of the exception and all its causes, and their stack traces' text. */
    private static String everything(Throwable thrown) {
        List<String> texts = new ArrayList<>();
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            texts.add(String.valueOf(t));
        }
        return String.join("\n", texts);
    }
}
