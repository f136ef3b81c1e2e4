package org.backpackbatch.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.backpackbatch.api.BackpackErrorException;
import org.backpackbatch.api.RateLimit;
import org.backpackbatch.api.model.Attachment;
import org.backpackbatch.api.model.Belonging;
import org.backpackbatch.api.model.Email;
import org.backpackbatch.api.model.Gallery;
import org.backpackbatch.api.model.Image;
import org.backpackbatch.api.model.Item;
import org.backpackbatch.api.model.ItemList;
import org.backpackbatch.api.model.Note;
import org.backpackbatch.api.model.Page;
import org.backpackbatch.api.model.PageSummary;
import org.backpackbatch.api.model.Separator;
import org.backpackbatch.api.model.Tag;
import org.backpackbatch.api.xml.BackpackXmlReader;
import org.backpackbatch.emulator.BackpackEmulator.HostedAccount;
import org.backpackbatch.emulator.RawHttp.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Several accounts on one emulator: each its own URL, token, data, id range and rate limit. */
class EmulatorAccountsTest {

    private BackpackEmulator emulator;
    private HostedAccount a;
    private HostedAccount b;
    private HostedAccount c;

    @BeforeEach
    void start() throws IOException {
        emulator = BackpackEmulator.start(EmulatorConfig.defaults()
                .withAccounts(AccountSpec.parseList("a,b:empty,c:30"))
                .withRateLimit(null));
        a = emulator.account("a");
        b = emulator.account("b");
        c = emulator.account("c");
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    private static List<PageSummary> pages(HostedAccount account) {
        Reply reply = RawHttp.ws(account, "/ws/pages/all", "");
        assertThat(reply.status()).isEqualTo(200);
        return BackpackXmlReader.readPageSummaries(bytes(reply.body()));
    }

    private static ByteArrayInputStream bytes(String body) {
        return new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8));
    }

    private static Reply pagesAllWithToken(HostedAccount account, String token) {
        return RawHttp.post(account.baseUrl() + "/ws/pages/all", "<request><token>" + token + "</token></request>");
    }

    @Test
    void parsesNamesWithOptionalSeeds() {
        assertThat(AccountSpec.parseList("a,b:empty,c:30")).containsExactly(
                new AccountSpec("a", null), new AccountSpec("b", "empty"), new AccountSpec("c", "30"));
        assertThat(AccountSpec.parseList(" source : demo , target-2 ")).containsExactly(
                new AccountSpec("source", "demo"), new AccountSpec("target-2", null));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "A            | 'A'",
            "a:nonsense   | 'nonsense'",
            "a,b,a        | 'a' is named twice",
            "a:demo,a:30  | 'a' is named twice",
            "\"\"           | ''",
            ",a           | ''",
            "a,,b         | ''",
            "a:           | ''",
            "-a           | '-a'",
            "a b          | 'a b'",
            "a/b          | 'a/b'"})
    void refusesBadSpecsNamingTheCulprit(String spec, String culprit) {
        assertThatThrownBy(() -> AccountSpec.parseList(spec))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(culprit);
    }

    @Test
    void servesEachAccountAtItsOwnBaseUrlWithItsOwnToken() {
        String server = "http://127.0.0.1:" + emulator.port();
        assertThat(emulator.accounts()).extracting(HostedAccount::name).containsExactly("a", "b", "c");
        assertThat(emulator.accounts()).extracting(HostedAccount::baseUrl).containsExactly(server + "/a", server + "/b", server + "/c");
        assertThat(emulator.accounts()).extracting(HostedAccount::token).allMatch(token -> token.matches("[0-9a-f]{40}")).doesNotHaveDuplicates();

        assertThat(pages(a)).isNotEmpty();
        assertThat(pages(b)).isEmpty();
        assertThat(pages(c)).hasSize(30);
        assertThat(RawHttp.post(server + "/nobody/ws/pages/all", "<request><token>" + a.token() + "</token></request>").status())
                .isEqualTo(404);
    }

    @Test
    void refusesAnotherAccountsTokenWith401() {
        for (HostedAccount owner : emulator.accounts()) {
            for (HostedAccount other : emulator.accounts()) {
                Reply reply = pagesAllWithToken(other, owner.token());
                if (owner == other) {
                    assertThat(reply.status()).isEqualTo(200);
                    continue;
                }
                assertThat(reply.status()).as("%s's token on %s", owner.name(), other.name()).isEqualTo(401);
                assertThatThrownBy(() -> BackpackXmlReader.readPageSummaries(bytes(reply.body())))
                        .isInstanceOfSatisfying(BackpackErrorException.class, error -> {
                            assertThat(error.code()).isEqualTo(401);
                            assertThat(error.errorMessage()).isEqualTo("Access denied");
                        });
            }
        }
        assertThat(RawHttp.post(b.baseUrl() + "/ws/pages/all", "<request/>").status()).isEqualTo(401);
    }

    @Test
    void changesOnOneAccountAreInvisibleOnTheOthers() {
        List<PageSummary> bBefore = pages(b);
        List<PageSummary> cBefore = pages(c);

        Reply created = RawHttp.ws(a, "/ws/pages/new", "<page><title>Only on a</title></page>");
        assertThat(created.status()).isEqualTo(200);
        long pageId = BackpackXmlReader.readPageSummary(bytes(created.body())).id();
        assertThat(RawHttp.ws(a, "/ws/page/" + pageId + "/notes/create", "<note><title>n</title><body>x</body></note>").status())
                .isEqualTo(200);

        assertThat(pages(a)).extracting(PageSummary::title).contains("Only on a");
        assertThat(pages(b)).isEqualTo(bBefore).isEmpty();
        assertThat(pages(c)).isEqualTo(cBefore);
        for (HostedAccount other : List.of(b, c)) {
            assertThat(RawHttp.ws(other, "/ws/page/" + pageId, "").status()).as(other.name()).isEqualTo(404);
            assertThat(RawHttp.ws(other, "/ws/page/" + pageId + "/destroy", "").status()).as(other.name()).isEqualTo(404);
        }
        assertThat(RawHttp.ws(a, "/ws/page/" + pageId, "").status()).isEqualTo(200);
    }

    @Test
    void accountsDrawIdsFromDisjointRanges() {
        for (HostedAccount account : emulator.accounts()) {
            for (int page = 0; page < 3; page++) {
                Reply created = RawHttp.ws(account, "/ws/pages/new", "<page><title>new " + page + "</title></page>");
                long pageId = BackpackXmlReader.readPageSummary(bytes(created.body())).id();
                RawHttp.ws(account, "/ws/page/" + pageId + "/lists/add", "<name>list</name>");
                RawHttp.ws(account, "/ws/page/" + pageId + "/tags/tag", "<tags>Shared \"Also shared\"</tags>");
            }
        }
        Map<String, TreeSet<Long>> ids = emulator.accounts().stream()
                .collect(Collectors.toMap(HostedAccount::name, account -> allIds(account.data())));

        assertThat(ids.get("a")).hasSizeGreaterThan(20);
        assertThat(ids.get("b")).hasSizeGreaterThanOrEqualTo(3 + 3 + 3 + 2);
        assertThat(ids.get("c")).hasSizeGreaterThan(100);
        List<TreeSet<Long>> ordered = List.of(ids.get("a"), ids.get("b"), ids.get("c"));
        for (int index = 1; index < ordered.size(); index++) {
            assertThat(ordered.get(index - 1).last()).as("ranges of accounts %d and %d", index - 1, index)
                    .isLessThan(ordered.get(index).first());
        }
    }

    private static TreeSet<Long> allIds(EmulatedAccount account) {
        TreeSet<Long> ids = new TreeSet<>();
        for (PageSummary summary : account.allPages()) {
            Page page = account.page(summary.id());
            Stream.of(
                    Stream.of(page.id()),
                    page.belongings().stream().map(Belonging::id),
                    page.notes().stream().map(Note::id),
                    page.lists().stream().map(ItemList::id),
                    page.lists().stream().flatMap(list -> list.items().stream()).map(Item::id),
                    page.tags().stream().map(Tag::id),
                    page.separators().stream().map(Separator::id),
                    page.galleries().stream().map(Gallery::id),
                    page.galleries().stream().flatMap(gallery -> gallery.images().stream()).map(Image::id),
                    page.attachments().stream().map(Attachment::id),
                    account.emails(page.id()).stream().map(Email::id))
                    .flatMap(Function.identity())
                    .forEach(ids::add);
        }
        return ids;
    }

    @Test
    void eachAccountHasItsOwnRateLimitBudget() throws IOException {
        try (BackpackEmulator limited = BackpackEmulator.start(EmulatorConfig.defaults()
                .withAccounts(AccountSpec.parseList("a,b:empty"))
                .withRateLimit(new RateLimit(3, Duration.ofMinutes(1))))) {
            HostedAccount limitedA = limited.account("a");
            HostedAccount limitedB = limited.account("b");
            for (int request = 0; request < 3; request++) {
                assertThat(RawHttp.ws(limitedA, "/ws/pages/all", "").status()).isEqualTo(200);
            }
            assertThat(RawHttp.ws(limitedA, "/ws/pages/all", "").status()).isEqualTo(503);

            for (int request = 0; request < 3; request++) {
                assertThat(RawHttp.ws(limitedB, "/ws/pages/all", "").status()).as("b after a is spent").isEqualTo(200);
            }
            assertThat(RawHttp.ws(limitedB, "/ws/pages/all", "").status()).isEqualTo(503);
            assertThat(limitedA.requestCount()).isEqualTo(4);
            assertThat(limitedB.requestCount()).isEqualTo(4);
        }
    }
}
