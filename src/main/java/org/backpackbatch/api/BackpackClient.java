package org.backpackbatch.api;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.backpackbatch.api.BackpackTransport.Method;
import org.backpackbatch.api.BackpackTransport.Replay;
import org.backpackbatch.api.model.Email;
import org.backpackbatch.api.model.Item;
import org.backpackbatch.api.model.ItemList;
import org.backpackbatch.api.model.Note;
import org.backpackbatch.api.model.Page;
import org.backpackbatch.api.model.PageSummary;
import org.backpackbatch.api.model.Separator;
import org.backpackbatch.api.xml.BackpackXmlReader;
import org.backpackbatch.api.xml.BackpackXmlWriter;

/**
 * The Backpack API, one method per endpoint, in records: the jobs never build or parse XML.
 * Thread-safe; every worker of a job shares one client and through it the account's throttle.
 */
public final class BackpackClient implements AutoCloseable {

    /** Where {@link #moveItem} moves an item. */
    public enum Direction {
        MOVE_LOWER("move_lower"), MOVE_HIGHER("move_higher"), MOVE_TO_TOP("move_to_top"), MOVE_TO_BOTTOM("move_to_bottom");

        private final String xmlName;

        Direction(String xmlName) {
            this.xmlName = xmlName;
        }
    }

    private final BackpackTransport transport;

    public BackpackClient(AccountUrl account, ApiToken token, ClientSettings settings) {
        this.transport = new BackpackTransport(account, token, settings);
    }

    public AccountUrl account() {
        return transport.account();
    }

    public SlidingWindowThrottle throttle() {
        return transport.throttle();
    }

    /** HTTP requests this client has sent, retries included. */
    public long requestsSent() {
        return transport.requestsSent();
    }

    // ---- pages --------------------------------------------------------------------------

    public List<PageSummary> pages() {
        return read("/ws/pages/all", none(), BackpackXmlReader::readPageSummaries);
    }

    public List<PageSummary> searchPages(String term) {
        return read("/ws/pages/search", w -> w.element("term", term), BackpackXmlReader::readPageSummaries);
    }

    public PageSummary createPage(String title) {
        return create("/ws/pages/new", w -> w.start("page").element("title", title).end(), BackpackXmlReader::readPageSummary);
    }

    /** The full page: belongings, notes, lists with their items, tags, separators, galleries, attachments. */
    public Page page(long pageId) {
        return read("/ws/page/" + pageId, none(), BackpackXmlReader::readPage);
    }

    public void reorderBelongings(long pageId, List<Long> belongingIds) {
        String ids = belongingIds.stream().map(String::valueOf).collect(Collectors.joining(" "));
        change("/ws/page/" + pageId + "/reorder", w -> w.element("belongings", ids), Replay.SAFE);
    }

    public void destroyPage(long pageId) {
        change("/ws/page/" + pageId + "/destroy", none(), Replay.UNSAFE);
    }

    public void renamePage(long pageId, String title) {
        change("/ws/page/" + pageId + "/update_title", w -> w.start("page").element("title", title).end(), Replay.SAFE);
    }

    public PageSummary duplicatePage(long pageId) {
        return create("/ws/page/" + pageId + "/duplicate", none(), BackpackXmlReader::readPageSummary);
    }

    /** Shares the page with the given addresses and, when {@code makePublic} is not null, sets it public or not. */
    public void sharePage(long pageId, List<String> emailAddresses, Boolean makePublic) {
        change("/ws/page/" + pageId + "/share", w -> {
            if (!emailAddresses.isEmpty()) {
                w.element("email_addresses", String.join(" ", emailAddresses));
            }
            if (makePublic != null) {
                w.start("page").element("public", makePublic ? "1" : "0").end();
            }
        }, Replay.SAFE);
    }

    public void unshareFriendPage(long pageId) {
        change("/ws/page/" + pageId + "/unshare_friend_page", none(), Replay.UNSAFE);
    }

    public void emailPage(long pageId) {
        change("/ws/page/" + pageId + "/email", none(), Replay.UNSAFE);
    }

    // ---- notes --------------------------------------------------------------------------

    public List<Note> notes(long pageId) {
        return read("/ws/page/" + pageId + "/notes/list", none(), BackpackXmlReader::readNotes);
    }

    public Note createNote(long pageId, String title, String body) {
        return create("/ws/page/" + pageId + "/notes/create", note(title, body), BackpackXmlReader::readNote);
    }

    public void updateNote(long pageId, long noteId, String title, String body) {
        change("/ws/page/" + pageId + "/notes/update/" + noteId, note(title, body), Replay.SAFE);
    }

    public void destroyNote(long pageId, long noteId) {
        change("/ws/page/" + pageId + "/notes/destroy/" + noteId, none(), Replay.UNSAFE);
    }

    // ---- lists --------------------------------------------------------------------------

    public List<ItemList> lists(long pageId) {
        return read("/ws/page/" + pageId + "/lists/list", none(), BackpackXmlReader::readListSummaries);
    }

    public ItemList createList(long pageId, String name) {
        return create("/ws/page/" + pageId + "/lists/add", w -> w.element("name", name), BackpackXmlReader::readListSummary);
    }

    public void renameList(long pageId, long listId, String name) {
        change("/ws/page/" + pageId + "/lists/update/" + listId, w -> w.start("list").element("name", name).end(), Replay.SAFE);
    }

    public void destroyList(long pageId, long listId) {
        change("/ws/page/" + pageId + "/lists/destroy/" + listId, none(), Replay.UNSAFE);
    }

    // ---- items --------------------------------------------------------------------------

    /** A list's items by completeness, then position. */
    public List<Item> items(long pageId, long listId) {
        return read(itemsPath(pageId, listId) + "/list", none(), BackpackXmlReader::readItems);
    }

    public Item createItem(long pageId, long listId, String content, boolean completed) {
        return create(itemsPath(pageId, listId) + "/add", item(content, completed), BackpackXmlReader::readItem);
    }

    public void updateItem(long pageId, long listId, long itemId, String content, boolean completed) {
        change(itemsPath(pageId, listId) + "/update/" + itemId, item(content, completed), Replay.SAFE);
    }

    public void toggleItem(long pageId, long listId, long itemId) {
        change(itemsPath(pageId, listId) + "/toggle/" + itemId, none(), Replay.UNSAFE);
    }

    public void destroyItem(long pageId, long listId, long itemId) {
        change(itemsPath(pageId, listId) + "/destroy/" + itemId, none(), Replay.UNSAFE);
    }

    public void moveItem(long pageId, long listId, long itemId, Direction direction) {
        change(itemsPath(pageId, listId) + "/move/" + itemId, w -> w.element("direction", direction.xmlName), Replay.UNSAFE);
    }

    public void reorderItems(long pageId, long listId, List<Long> itemIds) {
        change(itemsPath(pageId, listId) + "/reorder", w -> itemIds.forEach(id -> w.element("item-id", Long.toString(id))),
                Replay.SAFE);
    }

    // ---- tags ---------------------------------------------------------------------------

    public List<PageSummary> pagesWithTag(long tagId) {
        return read("/ws/tags/select/" + tagId, none(), BackpackXmlReader::readPageSummaries);
    }

    /** Replaces all tags of the page by these names. */
    public void tagPage(long pageId, List<String> tagNames) {
        change("/ws/page/" + pageId + "/tags/tag", w -> w.element("tags", TagNames.format(tagNames)), Replay.SAFE);
    }

    // ---- separators (REST style) --------------------------------------------------------

    public Separator createSeparator(long pageId, String name) {
        return transport.exchange(Method.POST, "/pages/" + pageId + "/separators.xml", request(separator(name)), Replay.UNSAFE,
                answer -> BackpackXmlReader.readSeparatorResource(answer).separator());
    }

    public void updateSeparator(long pageId, long separatorId, String name) {
        transport.exchange(Method.PUT, "/pages/" + pageId + "/separators/" + separatorId + ".xml", request(separator(name)),
                Replay.SAFE, BackpackXmlReader::readSeparatorResource);
    }

    public void destroySeparator(long pageId, long separatorId) {
        change("/ws/page/" + pageId + "/separators/destroy/" + separatorId, none(), Replay.UNSAFE);
    }

    // ---- emails -------------------------------------------------------------------------

    public List<Email> emails(long pageId) {
        return read("/ws/page/" + pageId + "/emails/list", none(), BackpackXmlReader::readEmails);
    }

    public Email email(long pageId, long emailId) {
        return read("/ws/page/" + pageId + "/emails/show/" + emailId, none(), BackpackXmlReader::readEmail);
    }

    public void destroyEmail(long pageId, long emailId) {
        change("/ws/page/" + pageId + "/emails/destroy/" + emailId, none(), Replay.UNSAFE);
    }

    @Override
    public void close() {
        transport.close();
    }

    // ---- request building ---------------------------------------------------------------

    private <T> T read(String path, Consumer<BackpackXmlWriter> elements, Function<java.io.InputStream, T> reader) {
        return transport.exchange(Method.POST, path, request(elements), Replay.SAFE, reader);
    }

    private <T> T create(String path, Consumer<BackpackXmlWriter> elements, Function<java.io.InputStream, T> reader) {
        return transport.exchange(Method.POST, path, request(elements), Replay.UNSAFE, reader);
    }

    private void change(String path, Consumer<BackpackXmlWriter> elements, Replay replay) {
        transport.exchange(Method.POST, path, request(elements), replay, answer -> {
            BackpackXmlReader.readSuccess(answer);
            return null;
        });
    }

    /** {@code <request><token>...</token>ELEMENTS</request>}: built once per call and re-sent as is on a retry. */
    private byte[] request(Consumer<BackpackXmlWriter> elements) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (BackpackXmlWriter writer = BackpackXmlWriter.to(bytes)) {
            writer.beginRequest(transport.token().reveal());
            elements.accept(writer);
            writer.end();
        }
        return bytes.toByteArray();
    }

    private static String itemsPath(long pageId, long listId) {
        return "/ws/page/" + pageId + "/lists/" + listId + "/items";
    }

    private static Consumer<BackpackXmlWriter> none() {
        return w -> { };
    }

    private static Consumer<BackpackXmlWriter> note(String title, String body) {
        return w -> w.start("note").element("title", title).element("body", body).end();
    }

    private static Consumer<BackpackXmlWriter> item(String content, boolean completed) {
        return w -> w.start("item").attr("completed", Boolean.toString(completed)).element("content", content).end();
    }

    private static Consumer<BackpackXmlWriter> separator(String name) {
        return w -> w.start("separator").element("name", name).end();
    }
}
