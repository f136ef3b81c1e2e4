package org.backpackbatch.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;
import org.backpackbatch.api.model.Item;
import org.backpackbatch.api.model.ItemList;
import org.backpackbatch.api.model.Note;
import org.backpackbatch.api.model.Page;
import org.backpackbatch.api.model.PageSummary;
import org.backpackbatch.api.xml.BackpackXmlReader;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An emulator started for one test, and one of its accounts spoken to over raw HTTP: the endpoint
 * tests send literal request bodies and read the literal answers. Registered as a JUnit extension
 * it stops the emulator after the test; used on its own it is closed like any resource.
 */
final class LiveAccount implements AfterEachCallback, AutoCloseable {

    static final String EMPTY_SUCCESS = "<response success='true'/>";
    /** The published 404 body, closed by {@code </item>} as the reference prints it. */
    static final String NOT_FOUND = "<response success='false'><error code='404'>Record not found</item></response>";
    /** The published 500 body, with the same quirk. */
    static final String BAD_INPUT = "<response success='false'><error code='500'>Internal error</item></response>";
    static final String ACCESS_DENIED = "<response success='false'><error code='401'>Access denied</error></response>";
    /** Another user's bookmarks, journal or status. */
    static final String FORBIDDEN = "<response success='false'><error code='403'>Forbidden</error></response>";

    private final BackpackEmulator emulator;
    private final BackpackEmulator.HostedAccount account;

    private LiveAccount(BackpackEmulator emulator, BackpackEmulator.HostedAccount account) {
        this.emulator = emulator;
        this.account = account;
    }

    /** The demo account {@code acme}, without a rate limit so that tests never wait. */
    static LiveAccount demo() {
        return start(unlimited(), "acme");
    }

    /** The default configuration without its rate limit: a test's burst of requests must not meet a 503. */
    static EmulatorConfig unlimited() {
        return EmulatorConfig.defaults().withRateLimit(null);
    }

    static LiveAccount start(EmulatorConfig config, String accountName) {
        try {
            BackpackEmulator emulator = BackpackEmulator.start(config);
            return new LiveAccount(emulator, emulator.account(accountName));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Another account of the same emulator, e.g. to try its token here; closing either stops them both. */
    LiveAccount sibling(String accountName) {
        return new LiveAccount(emulator, emulator.account(accountName));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }

    @Override
    public void close() {
        emulator.close();
    }

    String token() {
        return account.token();
    }

    /** The account's data, as the emulator holds it. */
    EmulatedAccount data() {
        return account.data();
    }

    String url(String path) {
        return account.baseUrl() + path;
    }

    /** Where a {@code Location} header leads, resolved as a client resolves it against the account's URL. */
    String resolve(String location) {
        return URI.create(account.baseUrl()).resolve(location).toString();
    }

    // ---- raw requests -------------------------------------------------------------------

    /** POSTs {@code <request><token/>ELEMENTS</request>} and returns the answer as it came. */
    RawHttp.Reply post(String path, String elements) {
        return RawHttp.ws(account, path, elements);
    }

    /** Sends {@code <request><token/>ELEMENTS</request>} with any method, as the REST-style endpoints take it. */
    RawHttp.Reply send(String method, String path, String elements) {
        return RawHttp.send(method, url(path), "<request><token>" + account.token() + "</token>" + elements + "</request>");
    }

    /** A REST-style request authenticated by HTTP Basic with this account's token; {@code body} may be null. */
    RawHttp.Reply basic(String method, String path, String body) {
        return RawHttp.send(method, url(path), body, RawHttp.basic(account.token()));
    }

    /** A request to {@code /{token}PATH}, the token in the path and nowhere else; {@code body} may be null. */
    RawHttp.Reply underToken(String method, String path, String body) {
        return RawHttp.send(method, url("/" + account.token() + path), body);
    }

    /** POSTs and requires HTTP 200. */
    RawHttp.Reply ok(String path, String elements) {
        RawHttp.Reply reply = post(path, elements);
        assertThat(reply.status()).as("POST %s answered %s", path, reply.body()).isEqualTo(200);
        return reply;
    }

    /** POSTs to a write endpoint and requires the empty success answer, literally. */
    void done(String path, String elements) {
        assertThat(ok(path, elements).body()).as("POST %s", path).isEqualTo(EMPTY_SUCCESS);
    }

    /** POSTs and requires HTTP 404 with the published 404 body, literally. */
    void assertNotFound(String path, String elements) {
        assertAnswer(post(path, elements), 404, NOT_FOUND);
    }

    static void assertAnswer(RawHttp.Reply reply, int status, String body) {
        assertThat(reply.status()).as("status of the answer %s", reply.body()).isEqualTo(status);
        assertThat(reply.body()).isEqualTo(body);
    }

    /** POSTs, requires HTTP 200 and parses the answer with the project's one reader. */
    <T> T read(String path, String elements, Function<InputStream, T> reader) {
        return reader.apply(stream(ok(path, elements).body()));
    }

    static InputStream stream(String body) {
        return new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8));
    }

    /** Element text for a request body. */
    static String escaped(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    // ---- typed shortcuts over the same raw requests -------------------------------------

    List<PageSummary> pages() {
        return read("/ws/pages/all", "", BackpackXmlReader::readPageSummaries);
    }

    long pageId(String title) {
        return pages().stream().filter(page -> page.title().equals(title)).findFirst()
                .orElseThrow(() -> new AssertionError("no page titled " + title + " in " + pages()))
                .id();
    }

    Page page(long pageId) {
        return read("/ws/page/" + pageId, "", BackpackXmlReader::readPage);
    }

    /** The list of that name on the page, with its items as the full page shows them. */
    ItemList list(long pageId, String name) {
        return page(pageId).lists().stream().filter(list -> list.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no list named " + name + " on page " + pageId));
    }

    List<Note> notes(long pageId) {
        return read("/ws/page/" + pageId + "/notes/list", "", BackpackXmlReader::readNotes);
    }

    List<Item> items(long pageId, long listId) {
        return read("/ws/page/" + pageId + "/lists/" + listId + "/items/list", "", BackpackXmlReader::readItems);
    }

    long newPage(String title) {
        return read("/ws/pages/new", "<page><title>" + escaped(title) + "</title></page>", BackpackXmlReader::readPageSummary).id();
    }

    Note newNote(long pageId, String title, String body) {
        return read("/ws/page/" + pageId + "/notes/create",
                "<note><title>" + escaped(title) + "</title><body>" + escaped(body) + "</body></note>", BackpackXmlReader::readNote);
    }

    ItemList newList(long pageId, String name) {
        return read("/ws/page/" + pageId + "/lists/add", "<name>" + escaped(name) + "</name>", BackpackXmlReader::readListSummary);
    }

    Item newItem(long pageId, long listId, String content, boolean completed) {
        return read("/ws/page/" + pageId + "/lists/" + listId + "/items/add",
                "<item completed='" + completed + "'><content>" + escaped(content) + "</content></item>", BackpackXmlReader::readItem);
    }
}
