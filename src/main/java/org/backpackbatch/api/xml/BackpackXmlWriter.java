package org.backpackbatch.api.xml;

import java.io.Closeable;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLStreamException;
import org.backpackbatch.api.model.Attachment;
import org.backpackbatch.api.model.Belonging;
import org.backpackbatch.api.model.AccountUsers;
import org.backpackbatch.api.model.Bookmark;
import org.backpackbatch.api.model.Calendar;
import org.backpackbatch.api.model.CalendarEvent;
import org.backpackbatch.api.model.CalendarWithEvents;
import org.backpackbatch.api.model.CurrentUser;
import org.backpackbatch.api.model.Email;
import org.backpackbatch.api.model.Gallery;
import org.backpackbatch.api.model.Image;
import org.backpackbatch.api.model.Item;
import org.backpackbatch.api.model.ItemList;
import org.backpackbatch.api.model.JournalEntry;
import org.backpackbatch.api.model.Note;
import org.backpackbatch.api.model.Page;
import org.backpackbatch.api.model.PageSummary;
import org.backpackbatch.api.model.Reminder;
import org.backpackbatch.api.model.Separator;
import org.backpackbatch.api.model.Status;
import org.backpackbatch.api.model.Tag;
import org.backpackbatch.api.model.User;
import org.backpackbatch.api.model.UserExport;
import org.codehaus.stax2.XMLStreamWriter2;

/**
 * The one writer of Backpack XML, shared by the client (requests), the emulator (answers) and the
 * XML archive, so that none of them can drift from the others.
 *
 * <p>Attributes are written with single quotes like the API reference's examples, and an item's
 * {@code completed="true"} with double quotes as the reference shows it. Woodstox cannot choose the
 * quote character, so start and end tags are emitted here and Woodstox escapes all text; it is
 * kept inside a hidden wrapper element (never sent) so that it escapes as element content.
 *
 * <p>The REST-style resources (users, journal, statuses, calendars, bookmarks) are Rails XML:
 * dashed element names, {@code type="integer"}, {@code type="datetime"}, {@code type="boolean"} and
 * {@code type="array"} in double quotes as the reference prints them, {@code nil="true"} for a
 * missing value. Reminders keep the reference's own mixed shape (an id attribute, underscored
 * elements, users as attributes).
 */
public final class BackpackXmlWriter implements Closeable {

    private final XMLStreamWriter2 xml;
    private final OutputStream target;
    private final Deque<String> open = new ArrayDeque<>();
    private final StringBuilder pendingTag = new StringBuilder();
    /** Where a tag's characters go to the writer: no string a tag. */
    private char[] tagChars = new char[256];
    private boolean tagPending;

    private BackpackXmlWriter(OutputStream target) {
        this.target = target;
        HiddenPrefixStream stream = new HiddenPrefixStream(target);
        try {
            xml = (XMLStreamWriter2) XmlFactories.output().createXMLStreamWriter(stream, "UTF-8");
            xml.writeStartElement("w");
            xml.writeCharacters("");
            xml.flush();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot create the XML writer", e);
        }
        stream.reveal();
    }

    /** A writer onto {@code out}; closing the writer flushes it and closes {@code out}. */
    public static BackpackXmlWriter to(OutputStream out) {
        return new BackpackXmlWriter(out);
    }

    // ---- element primitives -------------------------------------------------------------

    public BackpackXmlWriter declaration() {
        return raw("<?xml version='1.0' encoding='UTF-8'?>\n");
    }

    public BackpackXmlWriter start(String name) {
        finishPendingTag();
        pendingTag.append('<').append(name);
        tagPending = true;
        open.push(name);
        return this;
    }

    public BackpackXmlWriter attr(String name, String value) {
        return attr(name, value, '\'');
    }

    public BackpackXmlWriter attr(String name, long value) {
        return attr(name, Long.toString(value), '\'');
    }

    public BackpackXmlWriter attrDoubleQuoted(String name, String value) {
        return attr(name, value, '"');
    }

    /** Writes the attribute only when the value is not null. */
    public BackpackXmlWriter optionalAttr(String name, Object value) {
        return value == null ? this : attr(name, value.toString(), '\'');
    }

    private BackpackXmlWriter attr(String name, String value, char quote) {
        if (!tagPending) {
            throw new IllegalStateException("attribute " + name + " outside a start tag");
        }
        pendingTag.append(' ').append(name).append('=').append(quote);
        escapeAttribute(value == null ? "" : value, quote, pendingTag);
        pendingTag.append(quote);
        return this;
    }

    /** Element text; also ends the pending start tag, so the element is written open-and-close even when empty. */
    public BackpackXmlWriter text(String text) {
        finishPendingTag();
        if (text != null && !text.isEmpty()) {
            try {
                xml.writeCharacters(text);
            } catch (XMLStreamException e) {
                throw failure(e);
            }
        }
        return this;
    }

    /** Closes the innermost open element, as an empty element when nothing was written inside it. */
    public BackpackXmlWriter end() {
        String name = open.pop();
        if (tagPending) {
            pendingTag.append("/>");
            tagPending = false;
            flushPendingTag();
        } else {
            pendingTag.append("</").append(name).append('>');
            flushPendingTag();
        }
        return this;
    }

    /** {@code <name>text</name>}. */
    public BackpackXmlWriter element(String name, String text) {
        return start(name).text(text).end();
    }

    public BackpackXmlWriter raw(String markup) {
        finishPendingTag();
        try {
            xml.writeRaw(markup);
        } catch (XMLStreamException e) {
            throw failure(e);
        }
        return this;
    }

    private void finishPendingTag() {
        if (tagPending) {
            pendingTag.append('>');
            tagPending = false;
            flushPendingTag();
        }
    }

    private void flushPendingTag() {
        int length = pendingTag.length();
        if (length > tagChars.length) {
            tagChars = new char[Math.max(length, tagChars.length * 2)];
        }
        pendingTag.getChars(0, length, tagChars, 0);
        pendingTag.setLength(0);
        try {
            xml.writeRaw(tagChars, 0, length);
        } catch (XMLStreamException e) {
            throw failure(e);
        }
    }

    static void escapeAttribute(String value, char quote, StringBuilder out) {
        int plain = 0;
        while (plain < value.length() && !needsEscape(value.charAt(plain))) {
            plain++;
        }
        // most values (ids, dates, plain names) have nothing to escape: copied at once
        out.append(value, 0, plain);
        for (int i = plain; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '\n' -> out.append("&#10;");
                case '\r' -> out.append("&#13;");
                case '\t' -> out.append("&#9;");
                case '\'' -> out.append(quote == '\'' ? "&apos;" : "'");
                case '"' -> out.append(quote == '"' ? "&quot;" : "\"");
                default -> out.append(c);
            }
        }
    }

    private static boolean needsEscape(char c) {
        return c == '&' || c == '<' || c == '>' || c == '\n' || c == '\r' || c == '\t' || c == '\'' || c == '"';
    }

    // ---- answers ------------------------------------------------------------------------

    public BackpackXmlWriter beginResponse() {
        return start("response").attr("success", "true");
    }

    public BackpackXmlWriter endResponse() {
        return end();
    }

    /** {@code <response success='true'/>}, the answer of most write endpoints. */
    public BackpackXmlWriter emptySuccess() {
        return beginResponse().end();
    }

    /**
     * A Backpack error body. With {@code publishedQuirk} the error element is closed by
     * {@code </item>}, exactly as the API reference's examples print it.
     */
    public BackpackXmlWriter error(int code, String message, boolean publishedQuirk) {
        start("response").attr("success", "false");
        start("error").attr("code", code).text(message);
        if (publishedQuirk) {
            open.pop();
            raw("</item>");
        } else {
            end();
        }
        return end();
    }

    public BackpackXmlWriter pageSummaries(List<PageSummary> pages) {
        start("pages");
        for (PageSummary page : pages) {
            pageSummary(page);
        }
        return end();
    }

    /** {@code <page id title scope/>}, scope written only when known. */
    public BackpackXmlWriter pageSummary(PageSummary page) {
        start("page").attr("id", page.id()).attr("title", page.title());
        if (page.scope() != null) {
            attr("scope", page.scope().xmlName());
        }
        return end();
    }

    /** The full page, with every section it has; scope is written only when the page carries one (archives). */
    public BackpackXmlWriter page(Page page) {
        return openPage(page).end();
    }

    /** The full page as {@link #page(Page)} writes it but left open, so that the archive can add the page's emails. */
    public BackpackXmlWriter openPage(Page page) {
        start("page").attr("id", page.id()).attr("title", page.title());
        if (page.scope() != null) {
            attr("scope", page.scope().xmlName());
        }
        optionalAttr("email_address", page.emailAddress());
        start("belongings");
        for (Belonging belonging : page.belongings()) {
            start("belonging").attr("id", belonging.id());
            element("position", Integer.toString(belonging.position()));
            start("widget").attr("type", belonging.widgetType()).attr("id", belonging.widgetId()).end();
            end();
        }
        end();
        start("notes");
        for (Note note : page.notes()) {
            note(note);
        }
        end();
        start("lists");
        for (ItemList list : page.lists()) {
            start("list").attr("id", list.id()).attr("name", list.name());
            items(list.items());
            end();
        }
        end();
        if (!page.separators().isEmpty()) {
            start("separators");
            for (Separator separator : page.separators()) {
                start("separator").attr("id", separator.id()).attr("name", separator.name()).end();
            }
            end();
        }
        if (!page.galleries().isEmpty()) {
            start("galleries");
            for (Gallery gallery : page.galleries()) {
                start("gallery").attr("id", gallery.id()).attr("name", gallery.name());
                start("images");
                for (Image image : gallery.images()) {
                    start("image").attr("id", image.id()).attr("file_name", image.fileName())
                            .attr("gallery_id", image.galleryId()).attr("description", image.description()).end();
                }
                end();
                end();
            }
            end();
        }
        if (!page.attachments().isEmpty()) {
            start("attachments");
            for (Attachment attachment : page.attachments()) {
                start("attachment").attr("id", attachment.id()).attr("file_name", attachment.fileName()).end();
            }
            end();
        }
        start("tags");
        for (Tag tag : page.tags()) {
            start("tag").attr("id", tag.id()).attr("name", tag.name()).end();
        }
        return end();
    }

    public BackpackXmlWriter notes(List<Note> notes) {
        start("notes");
        for (Note note : notes) {
            note(note);
        }
        return end();
    }

    public BackpackXmlWriter note(Note note) {
        start("note").attr("id", note.id()).attr("title", note.title()).attr("created_at", note.createdAt());
        return text(note.body()).end();
    }

    /** {@code <lists><list id name/>...</lists>}: lists without their items. */
    public BackpackXmlWriter listSummaries(List<ItemList> lists) {
        start("lists");
        for (ItemList list : lists) {
            listSummary(list);
        }
        return end();
    }

    public BackpackXmlWriter listSummary(ItemList list) {
        return start("list").attr("id", list.id()).attr("name", list.name()).end();
    }

    public BackpackXmlWriter items(List<Item> items) {
        start("items");
        for (Item item : items) {
            item(item);
        }
        return end();
    }

    public BackpackXmlWriter item(Item item) {
        start("item").attr("id", item.id());
        optionalAttr("list_id", item.listId());
        if (item.completed()) {
            attrDoubleQuoted("completed", "true");
        } else {
            attr("completed", "false");
        }
        optionalAttr("updated_at", item.updatedAt());
        return text(item.content()).end();
    }

    /** The REST-style separator resource, typed elements as the reference prints them. */
    public BackpackXmlWriter separatorResource(Separator separator, long pageId) {
        start("separator");
        integer("id", separator.id());
        element("name", separator.name());
        integer("page-id", pageId);
        return end();
    }

    public BackpackXmlWriter emails(List<Email> emails) {
        start("emails");
        for (Email email : emails) {
            email(email);
        }
        return end();
    }

    public BackpackXmlWriter email(Email email) {
        start("email").attr("id", email.id()).attr("title", email.title()).attr("created_at", email.createdAt());
        return text(email.body()).end();
    }

    // ---- the whole account: users, reminders, journal, statuses, calendars, bookmarks ---

    /**
     * What the service adds to a calendar for sharing it: credentials of the account. Only the
     * emulator writes them, as the service does; no record of the client holds them.
     */
    public record CalendarSharing(String token, String icalSubscriptionUrl) {
    }

    /** {@code <users type="array"><user><id type="integer">..</id><name>..</name></user>...</users>}. */
    public BackpackXmlWriter users(List<User> users) {
        return users(new AccountUsers(users, null));
    }

    /**
     * The users as users.xml writes them, and, when it is known, {@code me="ID"} on the list naming
     * the token's own user, which users.xml does not tell: the XML archive keeps it so.
     */
    public BackpackXmlWriter users(AccountUsers users) {
        startArray("users");
        if (users.meId() != null) {
            attrDoubleQuoted("me", users.meId().toString());
        }
        for (User user : users.users()) {
            start("user");
            userFields(user);
            end();
        }
        return end();
    }

    /** {@code me.xml}: {@code <user>} with id, name, email, start-page-id and time-zone. */
    public BackpackXmlWriter currentUser(CurrentUser me) {
        start("user");
        integer("id", me.id());
        element("name", me.name());
        element("email", me.email());
        integer("start-page-id", me.startPageId());
        element("time-zone", me.timeZone());
        return end();
    }

    /** {@code <reminders><reminder id>...</reminder>...</reminders>}, the reference's own shape. */
    public BackpackXmlWriter reminders(List<Reminder> reminders) {
        start("reminders");
        for (Reminder reminder : reminders) {
            reminder(reminder);
        }
        return end();
    }

    /** {@code <reminder id><remind_at/><content/><creator id name/><remindees><user id name/>...</remindees></reminder>}. */
    public BackpackXmlWriter reminder(Reminder reminder) {
        start("reminder").attr("id", reminder.id());
        element("remind_at", reminder.remindAt());
        element("content", reminder.content());
        start("creator").attr("id", reminder.creator().id()).attr("name", reminder.creator().name()).end();
        start("remindees");
        for (User remindee : reminder.remindees()) {
            start("user").attr("id", remindee.id()).attr("name", remindee.name()).end();
        }
        end();
        return end();
    }

    public BackpackXmlWriter journalEntries(List<JournalEntry> entries) {
        startArray("journal-entries");
        for (JournalEntry entry : entries) {
            journalEntry(entry);
        }
        return end();
    }

    /** The entry's own fields, its {@code user-id}, and the user included as {@code <user>} for the name, as Rails includes it. */
    public BackpackXmlWriter journalEntry(JournalEntry entry) {
        start("journal-entry");
        integer("id", entry.id());
        element("body", entry.body());
        datetime("created-at", entry.createdAt());
        datetime("updated-at", entry.updatedAt());
        authoredBy(entry.userId(), entry.userName());
        return end();
    }

    public BackpackXmlWriter statuses(List<Status> statuses) {
        startArray("statuses");
        for (Status status : statuses) {
            status(status);
        }
        return end();
    }

    public BackpackXmlWriter status(Status status) {
        start("status");
        integer("id", status.id());
        element("message", status.message());
        datetime("updated-at", status.updatedAt());
        authoredBy(status.userId(), status.userName());
        return end();
    }

    /** {@code <calendars type="array">}; {@code sharing} by calendar id, empty where nothing may carry credentials. */
    public BackpackXmlWriter calendars(List<Calendar> calendars, Map<Long, CalendarSharing> sharing) {
        startArray("calendars");
        for (Calendar calendar : calendars) {
            openCalendar(calendar, sharing.get(calendar.id())).end();
        }
        return end();
    }

    /**
     * The calendar's fields, left open so that the archive can add its {@code <calendar-events>};
     * {@code sharing} is written only when given (by the emulator, as the service sends it).
     */
    public BackpackXmlWriter openCalendar(Calendar calendar, CalendarSharing sharing) {
        start("calendar");
        integer("id", calendar.id());
        element("name", calendar.name());
        element("color", calendar.color());
        if (sharing != null) {
            element("token", sharing.token());
            element("ical-subscription-url", sharing.icalSubscriptionUrl());
        }
        datetime("created-at", calendar.createdAt());
        return datetime("updated-at", calendar.updatedAt());
    }

    /** {@code <calendars type="array">}, each calendar with its {@code <calendar-events>} inside: the XML archive's; never a sharing token or iCal URL. */
    public BackpackXmlWriter calendarsWithEvents(List<CalendarWithEvents> calendars) {
        startArray("calendars");
        for (CalendarWithEvents calendar : calendars) {
            openCalendar(calendar.calendar(), null).calendarEvents(calendar.events()).end();
        }
        return end();
    }

    public BackpackXmlWriter calendarEvents(List<CalendarEvent> events) {
        startArray("calendar-events");
        for (CalendarEvent event : events) {
            calendarEvent(event);
        }
        return end();
    }

    public BackpackXmlWriter calendarEvent(CalendarEvent event) {
        start("calendar-event");
        integer("id", event.id());
        integer("calendar-id", event.calendarId());
        element("title", event.title());
        datetime("occurs-at", event.occursAt());
        typed("remind", "boolean", Boolean.toString(event.remind()));
        return end();
    }

    public BackpackXmlWriter bookmarks(List<Bookmark> bookmarks) {
        startArray("bookmarks");
        for (Bookmark bookmark : bookmarks) {
            start("bookmark");
            integer("id", bookmark.id());
            integer("user-id", bookmark.userId());
            element("bookmarkable-type", bookmark.bookmarkableType());
            integer("bookmarkable-id", bookmark.bookmarkableId());
            integer("position", (long) bookmark.position());
            end();
        }
        return end();
    }

    /** {@code <user id name account><pages><page>...</page></pages><reminders>...</reminders></user>}. */
    public BackpackXmlWriter userExport(UserExport export) {
        start("user").attr("id", export.user().id()).attr("name", export.user().name()).attr("account", export.account());
        start("pages");
        for (Page page : export.pages()) {
            page(page);
        }
        end();
        reminders(export.reminders());
        return end();
    }

    private void userFields(User user) {
        integer("id", user.id());
        element("name", user.name());
    }

    /** {@code <user-id>} and the user as Rails includes it, {@code <user><id/><name/></user>}. */
    private void authoredBy(long userId, String userName) {
        integer("user-id", userId);
        start("user");
        userFields(new User(userId, userName));
        end();
    }

    private BackpackXmlWriter startArray(String name) {
        return start(name).attrDoubleQuoted("type", "array");
    }

    /** {@code <name type="integer">n</name>}, or {@code nil="true"} when there is no value. */
    private BackpackXmlWriter integer(String name, Long value) {
        return typed(name, "integer", value == null ? null : value.toString());
    }

    private BackpackXmlWriter datetime(String name, String value) {
        return typed(name, "datetime", value);
    }

    private BackpackXmlWriter typed(String name, String type, String value) {
        start(name).attrDoubleQuoted("type", type);
        if (value == null) {
            return attrDoubleQuoted("nil", "true").end();
        }
        return text(value).end();
    }

    // ---- requests -----------------------------------------------------------------------

    /** {@code <request><token>...</token>}; the caller adds the endpoint's elements and {@link #end()}s it. */
    public BackpackXmlWriter beginRequest(String token) {
        return start("request").element("token", token);
    }

    // ---- lifecycle ----------------------------------------------------------------------

    public void flush() {
        try {
            xml.flush();
        } catch (XMLStreamException e) {
            throw failure(e);
        }
    }

    @Override
    public void close() {
        if (!open.isEmpty()) {
            throw new IllegalStateException("unclosed element <" + open.peek() + ">");
        }
        flush();
        try {
            target.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static RuntimeException failure(XMLStreamException e) {
        if (e.getCause() instanceof IOException io) {
            return new UncheckedIOException(io);
        }
        return new IllegalStateException("XML writing failed: " + e.getMessage(), e);
    }

    /** Swallows Woodstox's hidden wrapper start tag, then passes everything through. */
    private static final class HiddenPrefixStream extends FilterOutputStream {
        private boolean hidden = true;

        HiddenPrefixStream(OutputStream out) {
            super(out);
        }

        void reveal() {
            hidden = false;
        }

        @Override
        public void write(int b) throws IOException {
            if (!hidden) {
                out.write(b);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (!hidden) {
                out.write(b, off, len);
            }
        }

        @Override
        public void close() {
            // the target is closed by BackpackXmlWriter.close(); Woodstox must not close it early
        }
    }
}
