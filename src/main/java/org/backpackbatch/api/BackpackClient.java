package org.backpackbatch.api;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.backpackbatch.api.BackpackExchange.Auth;
import org.backpackbatch.api.BackpackExchange.Method;
import org.backpackbatch.api.BackpackExchange.Replay;
import org.backpackbatch.api.model.Bookmark;
import org.backpackbatch.api.model.Calendar;
import org.backpackbatch.api.model.CalendarEvent;
import org.backpackbatch.api.model.CurrentUser;
import org.backpackbatch.api.model.Email;
import org.backpackbatch.api.model.Item;
import org.backpackbatch.api.model.ItemList;
import org.backpackbatch.api.model.JournalEntry;
import org.backpackbatch.api.model.Note;
import org.backpackbatch.api.model.Page;
import org.backpackbatch.api.model.PageSummary;
import org.backpackbatch.api.model.Reminder;
import org.backpackbatch.api.model.Separator;
import org.backpackbatch.api.model.Status;
import org.backpackbatch.api.model.User;
import org.backpackbatch.api.model.UserExport;
import org.backpackbatch.api.xml.BackpackXmlReader;
import org.backpackbatch.api.xml.BackpackXmlWriter;

/**
 * The Backpack API, one method per endpoint, in records: the jobs never build or parse XML.
 * Thread-safe; every worker of a job shares one client and through it the account's throttle.
 */
public final class BackpackClient implements AutoCloseable {

    /** {@code <request><token>...</token></request>}, once made. */
    private volatile byte[] tokenOnly;

    /** Where {@link #moveItem} moves an item. */
    public enum Direction {
        MOVE_LOWER("move_lower"), MOVE_HIGHER("move_higher"), MOVE_TO_TOP("move_to_top"), MOVE_TO_BOTTOM("move_to_bottom");

        private final String xmlName;

        Direction(String xmlName) {
            this.xmlName = xmlName;
        }
    }

    /** Journal entries asked for per request: the most the API gives. */
    static final int JOURNAL_PAGE_SIZE = 100;

    private final BackpackExchange transport;

    /** A client with throttles of its own: for one client alone on its account. */
    public BackpackClient(AccountUrl account, ApiToken token, ClientSettings settings) {
        this(account, token, settings, new AccountThrottles());
    }

    /** A client sharing the account's budgets with every other client made with the same {@code throttles}. */
    public BackpackClient(AccountUrl account, ApiToken token, ClientSettings settings, AccountThrottles throttles) {
        this(new BackpackTransport(account, token, settings, throttles));
    }

    /** A client whose requests go through {@code transport}, which it closes. */
    public BackpackClient(BackpackExchange transport) {
        this.transport = transport;
    }

    public AccountUrl account() {
        return transport.account();
    }

    public SlidingWindowThrottle throttle() {
        return transport.throttle(RequestBudget.GENERAL);
    }

    /** The account's throttle of that budget; calendar endpoints spend their own. */
    public SlidingWindowThrottle throttle(RequestBudget budget) {
        return transport.throttle(budget);
    }

    /** Requests this client has sent, retries included. */
    public long requestsSent() {
        return transport.requestsSent();
    }

    /** Requests sent, answers 503 and retries so far. */
    public RequestStats stats() {
        return transport.stats();
    }

    // ---- pages --------------------------------------------------------------------------

    public List<PageSummary> pages() {
        return read("/ws/pages/all", none(), BackpackXmlReader::readPageSummaries);
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

    // ---- users (token in the path) -------------------------------------------------------

    public List<User> users() {
        return get(Auth.PATH, "/users.xml", BackpackXmlReader::readUsers);
    }

    /** The token's own user. */
    public CurrentUser me() {
        return get(Auth.PATH, "/me.xml", BackpackXmlReader::readCurrentUser);
    }

    /** The user, the account's own pages as full pages, and the user's reminders, in one answer. */
    public UserExport exportUser(long userId) {
        return get(Auth.PATH, "/users/" + userId + "/export.xml", BackpackXmlReader::readUserExport);
    }

    /** The bookmarks of the token's own user; any other user's are refused (403). */
    public List<Bookmark> bookmarks(long userId) {
        return get(Auth.PATH, "/users/" + userId + "/bookmarks.xml", BackpackXmlReader::readBookmarks);
    }

    // ---- reminders (token in the path) ---------------------------------------------------

    /** The upcoming reminders, earliest first. */
    public List<Reminder> reminders() {
        return get(Auth.PATH, "/reminders.xml", BackpackXmlReader::readReminders);
    }

    /**
     * A new reminder; {@code remindAt} (ISO-8601) null leaves the time to the server, no remindees
     * remind the token's own user.
     */
    public Reminder createReminder(String remindAt, String content, List<Long> remindeeIds) {
        return send(Method.POST, Auth.PATH, "/reminders.xml", reminder(remindAt, content, remindeeIds), Replay.UNSAFE,
                BackpackXmlReader::readReminder);
    }

    /** Changes what is given: a null {@code remindAt}, {@code content} or {@code remindeeIds} keeps the old one. */
    public Reminder updateReminder(long reminderId, String remindAt, String content, List<Long> remindeeIds) {
        return send(Method.PUT, Auth.PATH, "/reminders/" + reminderId + ".xml", reminder(remindAt, content, remindeeIds),
                Replay.SAFE, BackpackXmlReader::readReminder);
    }

    public void destroyReminder(long reminderId) {
        delete(Auth.PATH, "/reminders/" + reminderId + ".xml");
    }

    // ---- statuses -----------------------------------------------------------------------

    /** Every status that is set, one per user at most. */
    public List<Status> statuses() {
        return get(Auth.BASIC, "/statuses.xml", BackpackXmlReader::readStatuses);
    }

    /** The user's status; empty when the user never set one. */
    public Optional<Status> status(long userId) {
        try {
            return Optional.of(get(Auth.BASIC, "/users/" + userId + "/status.xml", BackpackXmlReader::readStatus));
        } catch (BackpackException e) {
            if (e.kind() == BackpackException.Kind.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Sets the status of the token's own user; another user's is refused (403). */
    public Status updateStatus(long userId, String message) {
        return send(Method.PUT, Auth.BASIC, "/users/" + userId + "/status.xml", w -> w.start("status").element("message", message).end(),
                Replay.SAFE, BackpackXmlReader::readStatus);
    }

    // ---- journal ------------------------------------------------------------------------

    /** Every user's journal, newest first, read page by page until a short page. */
    public List<JournalEntry> journalEntries() {
        return journal("/journal_entries.xml");
    }

    /** One user's journal, newest first, read page by page until a short page. */
    public List<JournalEntry> journalEntries(long userId) {
        return journal("/users/" + userId + "/journal_entries.xml");
    }

    /** A new entry in the token's own user's journal; another user's is refused (403). */
    public JournalEntry createJournalEntry(long userId, String body) {
        return send(Method.POST, Auth.BASIC, "/users/" + userId + "/journal_entries.xml", journalEntry(body), Replay.UNSAFE,
                BackpackXmlReader::readJournalEntry);
    }

    public JournalEntry updateJournalEntry(long entryId, String body) {
        return send(Method.PUT, Auth.BASIC, "/journal_entries/" + entryId + ".xml", journalEntry(body), Replay.SAFE,
                BackpackXmlReader::readJournalEntry);
    }

    public void destroyJournalEntry(long entryId) {
        delete(Auth.BASIC, "/journal_entries/" + entryId + ".xml");
    }

    // ---- calendars (their own rate limit) -----------------------------------------------

    public List<Calendar> calendars() {
        return get(Auth.BASIC, "/calendars.xml", BackpackXmlReader::readCalendars);
    }

    public List<CalendarEvent> calendarEvents(long calendarId) {
        return get(Auth.BASIC, "/calendars/" + calendarId + "/calendar_events.xml", BackpackXmlReader::readCalendarEvents);
    }

    public CalendarEvent calendarEvent(long eventId) {
        return get(Auth.BASIC, "/calendar_events/" + eventId + ".xml", BackpackXmlReader::readCalendarEvent);
    }

    /**
     * A new event. The API takes no date: like the service's own entry field, it reads a leading
     * {@code M/D}, {@code M/D/YYYY} and time ({@code 7pm}, {@code 19:30}) off the title.
     */
    public CalendarEvent createCalendarEvent(long calendarId, String title, boolean remind) {
        return send(Method.POST, Auth.BASIC, "/calendar_events.xml", event(calendarId, title, remind), Replay.UNSAFE,
                BackpackXmlReader::readCalendarEvent);
    }

    /** Moves, renames and sets the reminder of an event; a leading date in the title moves it in time too. */
    public CalendarEvent updateCalendarEvent(long eventId, long calendarId, String title, boolean remind) {
        return send(Method.PUT, Auth.BASIC, "/calendar_events/" + eventId + ".xml", event(calendarId, title, remind), Replay.SAFE,
                BackpackXmlReader::readCalendarEvent);
    }

    public void destroyCalendarEvent(long eventId) {
        delete(Auth.BASIC, "/calendar_events/" + eventId + ".xml");
    }

    @Override
    public void close() {
        transport.close();
    }

    // ---- request building ---------------------------------------------------------------

    private <T> T read(String path, Consumer<BackpackXmlWriter> elements, Function<InputStream, T> reader) {
        return transport.exchange(Method.POST, path, request(elements), Replay.SAFE, reader);
    }

    private <T> T create(String path, Consumer<BackpackXmlWriter> elements, Function<InputStream, T> reader) {
        return transport.exchange(Method.POST, path, request(elements), Replay.UNSAFE, reader);
    }

    private void change(String path, Consumer<BackpackXmlWriter> elements, Replay replay) {
        transport.exchange(Method.POST, path, request(elements), replay, answer -> {
            BackpackXmlReader.readSuccess(answer);
            return null;
        });
    }

    private <T> T get(Auth auth, String path, Function<InputStream, T> reader) {
        return transport.exchange(Method.GET, auth, path, null, Replay.SAFE, reader);
    }

    /** A REST-style write: the body is the resource itself, the token goes by {@code auth}. */
    private <T> T send(Method method, Auth auth, String path, Consumer<BackpackXmlWriter> resource, Replay replay,
            Function<InputStream, T> reader) {
        return transport.exchange(method, auth, path, document(resource), replay, reader);
    }

    /** A REST-style destroy: answered 204 without a body. */
    private void delete(Auth auth, String path) {
        transport.exchange(Method.DELETE, auth, path, null, Replay.UNSAFE, answer -> null);
    }

    /**
     * Reads the journal at {@code path} a page at a time until a short page. Entries are kept once by
     * id: one written while paging shifts the newest-first pages, showing an entry twice.
     */
    private List<JournalEntry> journal(String path) {
        Map<Long, JournalEntry> entries = new LinkedHashMap<>();
        for (int n = 0; ; n++) {
            List<JournalEntry> page = get(Auth.BASIC, path + "?n=" + n + "&count=" + JOURNAL_PAGE_SIZE,
                    BackpackXmlReader::readJournalEntries);
            int known = entries.size();
            page.forEach(entry -> entries.putIfAbsent(entry.id(), entry));
            // a page with nothing new means the server ignores n: reading on would never end
            if (page.size() < JOURNAL_PAGE_SIZE || entries.size() == known) {
                return List.copyOf(entries.values());
            }
        }
    }

    /** {@code <request><token>...</token>ELEMENTS</request>}: built once per call and re-sent as is on a retry. */
    private byte[] request(Consumer<BackpackXmlWriter> elements) {
        if (elements == NONE) {
            // the body of most reads (every page of a backup): the same bytes each time, made once
            byte[] request = tokenOnly;
            if (request == null) {
                request = tokenOnly = document(w -> {
                    w.beginRequest(transport.token().reveal());
                    w.end();
                });
            }
            return request;
        }
        return document(w -> {
            w.beginRequest(transport.token().reveal());
            elements.accept(w);
            w.end();
        });
    }

    private static byte[] document(Consumer<BackpackXmlWriter> content) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (BackpackXmlWriter writer = BackpackXmlWriter.to(bytes)) {
            content.accept(writer);
        }
        return bytes.toByteArray();
    }

    private static String itemsPath(long pageId, long listId) {
        return "/ws/page/" + pageId + "/lists/" + listId + "/items";
    }

    private static Consumer<BackpackXmlWriter> none() {
        return NONE;
    }

    private static final Consumer<BackpackXmlWriter> NONE = w -> { };

    private static Consumer<BackpackXmlWriter> note(String title, String body) {
        return w -> w.start("note").element("title", title).element("body", body).end();
    }

    private static Consumer<BackpackXmlWriter> item(String content, boolean completed) {
        return w -> w.start("item").attr("completed", Boolean.toString(completed)).element("content", content).end();
    }

    private static Consumer<BackpackXmlWriter> separator(String name) {
        return w -> w.start("separator").element("name", name).end();
    }

    /** {@code <reminder><remind_at/>?<content/>?<remindees type="array"><user_id/>...</remindees>?</reminder>}. */
    private static Consumer<BackpackXmlWriter> reminder(String remindAt, String content, List<Long> remindeeIds) {
        return w -> {
            w.start("reminder");
            if (remindAt != null) {
                w.element("remind_at", remindAt);
            }
            if (content != null) {
                w.element("content", content);
            }
            if (remindeeIds != null) {
                w.start("remindees").attrDoubleQuoted("type", "array");
                remindeeIds.forEach(id -> w.element("user_id", Long.toString(id)));
                w.end();
            }
            w.end();
        };
    }

    private static Consumer<BackpackXmlWriter> journalEntry(String body) {
        return w -> w.start("journal-entry").element("body", body).end();
    }

    /** {@code <request><event><calendar-id/><title/><remind/></event></request>}, as the reference shows it (no token: HTTP Basic). */
    private static Consumer<BackpackXmlWriter> event(long calendarId, String title, boolean remind) {
        return w -> w.start("request").start("event").element("calendar-id", Long.toString(calendarId)).element("title", title)
                .element("remind", remind ? "1" : "0").end().end();
    }
}
