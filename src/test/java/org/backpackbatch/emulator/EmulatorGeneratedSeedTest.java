package org.backpackbatch.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.backpackbatch.api.model.Page;
import org.backpackbatch.api.model.PageSummary;
import org.backpackbatch.api.xml.BackpackXmlReader;
import org.backpackbatch.emulator.BackpackEmulator.HostedAccount;
import org.backpackbatch.emulator.RawHttp.Reply;
import org.junit.jupiter.api.Test;

/** {@code --seed 200 --seed-value 7} gives the same account, byte for byte over HTTP, on every start. */
class EmulatorGeneratedSeedTest {

    private static BackpackEmulator start(long seedValue) throws IOException {
        return BackpackEmulator.start(EmulatorConfig.defaults().withSeed("200", seedValue).withRateLimit(null));
    }

    private static String answer(HostedAccount account, String path) {
        Reply reply = RawHttp.ws(account, path, "");
        assertThat(reply.status()).as(path).isEqualTo(200);
        return reply.body();
    }

    @Test
    void theSameSeedValueAnswersIdenticallyOnTwoEmulators() throws IOException {
        try (BackpackEmulator first = start(7); BackpackEmulator second = start(7)) {
            HostedAccount one = first.account("acme");
            HostedAccount two = second.account("acme");
            assertThat(one.token()).isNotEqualTo(two.token());

            String pagesAll = answer(one, "/ws/pages/all");
            assertThat(answer(two, "/ws/pages/all")).isEqualTo(pagesAll);
            List<PageSummary> pages = BackpackXmlReader.readPageSummaries(new ByteArrayInputStream(pagesAll.getBytes(StandardCharsets.UTF_8)));
            assertThat(pages).hasSize(200);

            for (PageSummary page : pages) {
                String path = "/ws/page/" + page.id();
                String full = answer(one, path);
                assertThat(answer(two, path)).as(path).isEqualTo(full);
                Page parsed = BackpackXmlReader.readPage(new ByteArrayInputStream(full.getBytes(StandardCharsets.UTF_8)));
                assertThat(parsed.id()).isEqualTo(page.id());
                assertThat(parsed.title()).isEqualTo(page.title());
            }
        }
    }

    @Test
    void anotherSeedValueAnswersDifferently() throws IOException {
        try (BackpackEmulator seven = start(7); BackpackEmulator eight = start(8)) {
            String pagesSeven = answer(seven.account("acme"), "/ws/pages/all");
            String pagesEight = answer(eight.account("acme"), "/ws/pages/all");

            assertThat(pagesEight).isNotEqualTo(pagesSeven);
        }
    }
}
