package org.backpackbatch.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.backpackbatch.emulator.LiveAccount.ACCESS_DENIED;
import static org.backpackbatch.emulator.LiveAccount.BAD_INPUT;
import static org.backpackbatch.emulator.LiveAccount.assertAnswer;

import java.util.List;
import org.backpackbatch.api.BackpackErrorException;
import org.backpackbatch.api.model.Page;
import org.backpackbatch.api.model.PageSummary;
import org.backpackbatch.api.xml.BackpackXmlReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** How the emulator refuses a request: bad or missing token, unknown records, malformed XML, unknown paths. */
class RequestCheckingEndpointTest {

    private static final String WRONG_TOKEN = "0123456789abcdef0123456789abcdef01234567";

    @RegisterExtension
    final LiveAccount acme = LiveAccount.start(LiveAccount.unlimited().withAccounts(AccountSpec.parseList("acme,bravo")), "acme");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/ws/pages/all", "/ws/page/{page}", "/ws/page/{page}/notes/create", "/ws/page/{page}/destroy"})
    void aWrongTokenIsRefusedWith401AndChangesNothing(String path) {
        List<PageSummary> pages = acme.pages();
        Page first = acme.page(pages.get(0).id());
        String url = acme.url(path.replace("{page}", Long.toString(first.id())));
        String elements = "<note><title>T</title><body>B</body></note>";

        assertAnswer(RawHttp.post(url, "<request><token>" + WRONG_TOKEN + "</token>" + elements + "</request>"), 401, ACCESS_DENIED);
        assertAnswer(RawHttp.post(url, "<request><token>" + acme.sibling("bravo").token() + "</token>" + elements + "</request>"),
                401, ACCESS_DENIED);

        assertThat(acme.pages()).isEqualTo(pages);
        assertThat(acme.page(first.id())).isEqualTo(first);
    }

    @ParameterizedTest(name = "body: {0}")
    @ValueSource(strings = {"<request></request>", "<request><term>x</term></request>", "<request><token></token></request>", ""})
    void aMissingTokenIsRefusedWith401(String body) {
        assertAnswer(RawHttp.post(acme.url("/ws/pages/all"), body), 401, ACCESS_DENIED);
    }

    @Test
    void theRestStyleEndpointsWantTheTokenToo() {
        long pageId = acme.newPage("Blank");

        RawHttp.Reply reply = RawHttp.send("POST", acme.url("/pages/" + pageId + "/separators.xml"),
                "<request><token>" + WRONG_TOKEN + "</token><separator><name>N</name></separator></request>");

        assertAnswer(reply, 401, ACCESS_DENIED);
        assertThat(acme.page(pageId).separators()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "/ws/page/999",
        "/ws/page/999/destroy",
        "/ws/page/999/duplicate",
        "/ws/page/999/reorder",
        "/ws/page/999/notes/list",
        "/ws/page/999/lists/list",
        "/ws/page/999/tags/tag",
        "/ws/page/{page}/notes/destroy/999",
        "/ws/page/{page}/lists/destroy/999",
        "/ws/page/{page}/lists/999/items/list",
        "/ws/page/{page}/lists/{list}/items/toggle/999",
        "/ws/page/{page}/separators/destroy/999",
        "/ws/page/{page}/emails/show/999",
    })
    void anUnknownIdIsNotFoundWithThePublished404Body(String path) {
        long lisbon = acme.pageId("Lisbon & Sintra, May 2007");
        long packing = acme.list(lisbon, "Packing").id();

        // valid input for reorder and tags/tag, which read it before looking the page up; the others ignore it
        acme.assertNotFound(path.replace("{page}", Long.toString(lisbon)).replace("{list}", Long.toString(packing)),
                "<belongings>1</belongings><tags>Travel</tags>");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/ws/pages/everything", "/ws/page/first", "/ws/page/1/nothing", "/ws", "/pages/1/separators"})
    void anUnknownPathIsNotFound(String path) {
        acme.assertNotFound(path, "");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            unclosed element       | <request><token>T</token><page><title>T</title></request>
            not XML at all         | title=Trip planning
            two roots              | <request><token>T</token></request><request/>
            a DTD                  | <!DOCTYPE request [<!ENTITY t "x">]><request><token>T</token></request>
            """)
    void malformedXmlIsBadInputWithThePublished500Body(String problem, String body) {
        assertAnswer(RawHttp.post(acme.url("/ws/pages/new"), body.replace("<token>T<", "<token>" + acme.token() + "<")), 500, BAD_INPUT);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            /ws/pages/new                   | <title>No page element</title>
            /ws/pages/search                | ""
            /ws/page/{page}/reorder         | <belongings>not ids</belongings>
            /ws/page/{page}/lists/add       | <list>no name element</list>
            """)
    void aMissingOrInvalidElementIsBadInput(String path, String elements) {
        long pageId = acme.pageId("Recipes");

        assertAnswer(acme.post(path.replace("{page}", Long.toString(pageId)), elements), 500, BAD_INPUT);
    }

    @Test
    void theProjectsReaderRecognisesEveryErrorBody() {
        BackpackErrorException notFound = readAsSuccess(acme.post("/ws/page/999", "").body());
        BackpackErrorException badInput = readAsSuccess(acme.post("/ws/pages/new", "").body());
        BackpackErrorException denied = readAsSuccess(RawHttp.post(acme.url("/ws/pages/all"), "<request/>").body());

        assertThat(List.of(notFound.code(), badInput.code(), denied.code())).containsExactly(404, 500, 401);
        assertThat(List.of(notFound.errorMessage(), badInput.errorMessage(), denied.errorMessage()))
                .containsExactly("Record not found", "Internal error", "Access denied");
    }

    @Test
    void eachAccountHasItsOwnPagesAndToken() {
        LiveAccount bravo = acme.sibling("bravo");
        long acmeRecipes = acme.pageId("Recipes");

        bravo.done("/ws/page/" + bravo.pageId("Recipes") + "/destroy", "");

        assertThat(acme.page(acmeRecipes).title()).isEqualTo("Recipes");
        assertThat(bravo.token()).isNotEqualTo(acme.token());
    }

    private static BackpackErrorException readAsSuccess(String body) {
        return catchThrowableOfType(BackpackErrorException.class, () -> BackpackXmlReader.readSuccess(LiveAccount.stream(body)));
    }
}
