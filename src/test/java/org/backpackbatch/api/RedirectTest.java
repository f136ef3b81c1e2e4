package org.backpackbatch.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import org.backpackbatch.api.BackpackException.Kind;
import org.backpackbatch.emulator.AccountSpec;
import org.backpackbatch.emulator.BackpackEmulator;
import org.backpackbatch.emulator.EmulatorConfig;
import org.backpackbatch.emulator.FaultPlan;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The token goes to the account's host and nowhere else: the only redirect followed is the
 * SSL-mismatch one, same host and path, other scheme; anything else fails before a byte is sent
 * to the new location.
 */
class RedirectTest {

    private static final String TOKEN = "0123456789abcdef0123456789abcdef01234567";
    /** Host B, another host than A's 127.0.0.1: all of 127.0.0.0/8 is loopback on Linux, else "localhost". */
    private static final String OTHER_HOST = loopbackAliasWorks() ? "127.0.0.2" : "localhost";

    private static BackpackEmulator elsewhere;

    @BeforeAll
    static void startTheOtherHost() throws IOException {
        elsewhere = BackpackEmulator.start(new EmulatorConfig(OTHER_HOST, 0, List.of(new AccountSpec("acme", "demo")), "demo", 1,
                null, null, FaultPlan.NONE, false));
    }

    @AfterAll
    static void stopTheOtherHost() {
        elsewhere.close();
    }

    @ParameterizedTest(name = "Location: {0}")
    @ValueSource(strings = {
            "http://OTHER:OTHERPORT/acme/ws/pages/all",
            "https://OTHER:OTHERPORT/acme/ws/pages/all",
            "//OTHER:OTHERPORT/acme/ws/pages/all",
            "http://127.0.0.1:PORT@OTHER:OTHERPORT/acme/ws/pages/all"})
    void aRedirectToAnotherHostIsRefusedAndThatHostHearsNothing(String location) throws IOException {
        String target = location.replace("OTHERPORT", Integer.toString(elsewhere.port())).replace("OTHER", OTHER_HOST);
        try (ScriptedServer hostA = redirecting(target)) {
            String expected = target.replace("PORT", Integer.toString(hostA.port()));

            assertRefused(hostA, expected.startsWith("//") ? "http:" + expected : expected);

            assertThat(elsewhere.account("acme").requestCount()).as("requests that reached the other host").isZero();
            assertThat(hostA.requests()).isEqualTo(1);
        }
    }

    @ParameterizedTest(name = "Location: {0}")
    @ValueSource(strings = {
            "http://127.0.0.1:PORT/other/ws/pages/all",
            "/other/ws/pages/all",
            "https://127.0.0.1:PORT/other/ws/pages/all",
            "https://127.0.0.1:PORT/acme/ws/pages/all?next=1",
            "http://127.0.0.1:PORT/acme/ws/pages/all"})
    void aRedirectOnTheSameHostIsRefusedUnlessItOnlyChangesTheScheme(String location) throws IOException {
        try (ScriptedServer hostA = redirecting(location)) {
            String target = location.replace("PORT", Integer.toString(hostA.port()));

            assertRefused(hostA, target.startsWith("/") ? "http://127.0.0.1:" + hostA.port() + target : target);

            assertThat(hostA.requests()).isEqualTo(1);
        }
    }

    @Test
    void aPlainUrlOfAnAccountThatRequiresSslIsReadOverHttps() throws IOException {
        try (BackpackEmulator emulator = BackpackEmulator.start(EmulatorConfig.defaults().withRateLimit(null).withRequireSsl(true))) {
            BackpackEmulator.HostedAccount account = emulator.account("acme");
            assertThat(account.baseUrl()).startsWith("http://127.0.0.1:");
            ClientSettings settings = ClientSettings.defaults().withSslContext(emulator.trustingClientContext());
            try (BackpackClient client = new BackpackClient(AccountUrl.parse(account.baseUrl()), ApiToken.of(account.token()), settings)) {

                assertThat(client.pages()).isNotEmpty().isEqualTo(account.data().allPages());

                assertThat(client.account().base().getScheme()).isEqualTo("https");
                assertThat(client.account().base().getPort()).isEqualTo(emulator.tlsPort());
                long id = account.data().allPages().get(0).id();
                assertThat(client.page(id)).isEqualTo(account.data().page(id));
                assertThat(account.requestCount()).as("requests served over https").isEqualTo(2);
            }
        }
    }

    private static void assertRefused(ScriptedServer hostA, String location) {
        try (BackpackClient client = new BackpackClient(AccountUrl.parse(hostA.accountUrl()), ApiToken.of(TOKEN), ClientSettings.defaults())) {
            assertThatThrownBy(client::pages)
                    .isInstanceOfSatisfying(BackpackException.class, e -> assertThat(e.kind()).as(e.getMessage()).isEqualTo(Kind.REDIRECT_REFUSED))
                    .hasMessageContaining("redirected to " + location)
                    .message().doesNotContain(TOKEN);
        }
    }

    private static ScriptedServer redirecting(String location) throws IOException {
        return ScriptedServer.start("127.0.0.1", (exchange, n) -> ScriptedServer.reply(exchange, 302, "",
                "Location", location.replace("PORT", Integer.toString(exchange.getLocalAddress().getPort()))));
    }

    @SuppressWarnings("try") // the resource is held for the scope, not used in it
    private static boolean loopbackAliasWorks() {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.2"))) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
