package org.backpackbatch.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.backpackbatch.api.BackpackException.Kind;
import org.backpackbatch.emulator.AccountSpec;
import org.backpackbatch.emulator.BackpackEmulator;
import org.backpackbatch.emulator.EmulatorConfig;
import org.junit.jupiter.api.Test;

/**
 * How the client carries the token to the REST-style endpoints: by HTTP Basic, or as the first
 * segment of the path, where it is a password in a URL and so must never appear in a message.
 */
class RestAuthenticationTest {

    private static final String TOKEN = "0123456789abcdef0123456789abcdef01234567";
    private static final ClientSettings TWO_QUICK_ATTEMPTS = ClientSettings.defaults()
            .withRetries(2, Duration.ofMillis(1), Duration.ofMillis(5));

    /** One request as a server saw it. */
    private record Seen(String method, String path, String query, String authorization) {
    }

    @Test
    void restStyleEndpointsGetTheTokenByHttpBasicAndNowhereElse() throws IOException {
        List<Seen> seen = new CopyOnWriteArrayList<>();
        try (ScriptedServer server = recording(seen, 200, "<statuses type=\"array\"/>");
             BackpackClient client = clientOf(server)) {

            assertThat(client.statuses()).isEmpty();

            String basic = "Basic " + Base64.getEncoder().encodeToString((TOKEN + ":X").getBytes(StandardCharsets.UTF_8));
            assertThat(seen).containsExactly(new Seen("GET", "/acme/statuses.xml", null, basic));
        }
    }

    @Test
    void tokenPathEndpointsGetTheTokenAsTheFirstSegmentAndNowhereElse() throws IOException {
        List<Seen> seen = new CopyOnWriteArrayList<>();
        try (ScriptedServer server = recording(seen, 200, "<users type=\"array\"/>");
             BackpackClient client = clientOf(server)) {

            assertThat(client.users()).isEmpty();

            assertThat(seen).containsExactly(new Seen("GET", "/acme/" + TOKEN + "/users.xml", null, null));
        }
    }

    @Test
    void theJournalIsAskedForPageByPageInTheQuery() throws IOException {
        List<Seen> seen = new CopyOnWriteArrayList<>();
        try (ScriptedServer server = recording(seen, 200, "<journal-entries type=\"array\"/>");
             BackpackClient client = clientOf(server)) {

            assertThat(client.journalEntries(7)).isEmpty();

            assertThat(seen).extracting(Seen::path, Seen::query).containsExactly(tuple("/acme/users/7/journal_entries.xml", "n=0&count=100"));
        }
    }

    @Test
    void aFailingTokenPathIsNamedWithTheTokenMasked() throws IOException {
        try (ScriptedServer server = ScriptedServer.answering(500, "<html><body>Oops</body></html>", "Content-Type", "text/html");
             BackpackClient client = clientOf(server)) {

            assertThatThrownBy(client::reminders)
                    .isInstanceOfSatisfying(BackpackException.class, e -> assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE))
                    .hasMessageContaining(server.accountUrl() + "/[token]/reminders.xml failed 2 times")
                    .message().doesNotContain(TOKEN);
        }
    }

    @Test
    void aTokenPathAnsweringSomethingElseIsNamedWithTheTokenMasked() throws IOException {
        try (ScriptedServer server = ScriptedServer.answering(404, "Not here", "Content-Type", "text/plain");
             BackpackClient client = clientOf(server)) {

            assertThatThrownBy(() -> client.bookmarks(3))
                    .isInstanceOfSatisfying(BackpackException.class, e -> assertThat(e.kind()).isEqualTo(Kind.REFUSED))
                    .hasMessageContaining(server.accountUrl() + "/[token]/users/3/bookmarks.xml answered HTTP 404")
                    .message().doesNotContain(TOKEN);
        }
    }

    @Test
    void aRedirectOfATokenPathElsewhereIsRefusedWithTheTokenMaskedInTheLocation() throws IOException {
        try (ScriptedServer server = ScriptedServer.start("127.0.0.1", (exchange, number) -> ScriptedServer.reply(exchange, 302, "",
                "Location", "http://localhost:1" + exchange.getRequestURI().getRawPath()));
             BackpackClient client = clientOf(server)) {

            assertThatThrownBy(client::me)
                    .isInstanceOfSatisfying(BackpackException.class, e -> assertThat(e.kind()).isEqualTo(Kind.REDIRECT_REFUSED))
                    .hasMessageContaining("/[token]/me.xml redirected to http://localhost:1/acme/[token]/me.xml")
                    .message().doesNotContain(TOKEN);
            assertThat(server.requests()).isEqualTo(1);
        }
    }

    @Test
    void theSslRedirectIsFollowedForTokenPathsAndForTheJournalsQuery() throws IOException {
        try (BackpackEmulator emulator = BackpackEmulator.start(EmulatorConfig.defaults().withRateLimit(null).withRequireSsl(true)
                .withAccounts(List.of(new AccountSpec("acme", "150"))))) {
            BackpackEmulator.HostedAccount account = emulator.account("acme");
            ClientSettings settings = ClientSettings.defaults().withSslContext(emulator.trustingClientContext());
            // each client's first request is the one redirected
            try (BackpackClient users = new BackpackClient(AccountUrl.parse(account.baseUrl()), ApiToken.of(account.token()), settings);
                 BackpackClient journal = new BackpackClient(AccountUrl.parse(account.baseUrl()), ApiToken.of(account.token()), settings)) {

                assertThat(users.users()).isEqualTo(account.data().users());
                assertThat(journal.journalEntries()).hasSize(150).isEqualTo(account.data().journal().all());

                assertThat(users.account().base().getScheme()).isEqualTo("https");
                assertThat(journal.account().base().getScheme()).isEqualTo("https");
            }
        }
    }

    private static ScriptedServer recording(List<Seen> seen, int status, String body) throws IOException {
        return ScriptedServer.start("127.0.0.1", (exchange, number) -> {
            seen.add(new Seen(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), exchange.getRequestURI().getRawQuery(),
                    exchange.getRequestHeaders().getFirst("Authorization")));
            ScriptedServer.reply(exchange, status, body, "Content-Type", "application/xml");
        });
    }

    private static BackpackClient clientOf(ScriptedServer server) {
        return new BackpackClient(AccountUrl.parse(server.accountUrl()), ApiToken.of(TOKEN), TWO_QUICK_ATTEMPTS);
    }
}
