package org.backpackbatch.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.backpackbatch.emulator.BackpackEmulator.HostedAccount;
import org.backpackbatch.emulator.RawHttp.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An account that requires SSL sends plain-HTTP requests to the https URL of the same host, on the https port. */
class EmulatorSslTest {

    private BackpackEmulator emulator;
    private HostedAccount acme;
    private String httpsServer;

    @BeforeEach
    void start() throws IOException {
        emulator = BackpackEmulator.start(EmulatorConfig.defaults().withRequireSsl(true));
        acme = emulator.account("acme");
        httpsServer = "https://127.0.0.1:" + emulator.tlsPort();
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    @Test
    void redirectsAPlainRequestToTheSameUrlOverHttps() {
        Reply reply = RawHttp.ws(acme, "/ws/pages/all", "");

        assertThat(reply.status()).isEqualTo(302);
        assertThat(reply.header("Location")).isEqualTo(httpsServer + "/acme/ws/pages/all");
        assertThat(reply.body()).doesNotContain("<page");
    }

    @Test
    void keepsTheQueryInTheRedirect() {
        Reply reply = RawHttp.send("GET", acme.baseUrl() + "/journal_entries.xml?n=0&count=100", null);

        assertThat(reply.status()).isEqualTo(302);
        assertThat(reply.header("Location")).isEqualTo(httpsServer + "/acme/journal_entries.xml?n=0&count=100");
    }

    @Test
    void changesNothingOnARedirectedWrite() {
        int pagesBefore = acme.data().allPages().size();

        Reply reply = RawHttp.ws(acme, "/ws/pages/new", "<page><title>Over plain HTTP</title></page>");

        assertThat(reply.status()).isEqualTo(302);
        assertThat(reply.header("Location")).isEqualTo(httpsServer + "/acme/ws/pages/new");
        assertThat(acme.data().allPages()).hasSize(pagesBefore).noneMatch(page -> page.title().equals("Over plain HTTP"));
    }

    @Test
    void answersPlainHttpNormallyWhenSslIsNotRequired() throws IOException {
        try (BackpackEmulator plain = BackpackEmulator.start(EmulatorConfig.defaults())) {
            Reply reply = RawHttp.ws(plain.account("acme"), "/ws/pages/all", "");

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.header("Location")).isNull();
        }
    }
}
