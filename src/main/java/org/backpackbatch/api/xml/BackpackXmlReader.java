package org.backpackbatch.api.xml;

import static javax.xml.stream.XMLStreamConstants.CDATA;
import static javax.xml.stream.XMLStreamConstants.CHARACTERS;
import static javax.xml.stream.XMLStreamConstants.DTD;
import static javax.xml.stream.XMLStreamConstants.END_DOCUMENT;
import static javax.xml.stream.XMLStreamConstants.END_ELEMENT;
import static javax.xml.stream.XMLStreamConstants.SPACE;
import static javax.xml.stream.XMLStreamConstants.START_ELEMENT;

import com.ctc.wstx.exc.WstxEOFException;
import java.io.ByteArrayInputStream;
import java.io.CharConversionException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.xml.stream.Location;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.util.StreamReaderDelegate;
import org.backpackbatch.api.BackpackErrorException;
import org.backpackbatch.api.model.AccountUsers;
import org.backpackbatch.api.model.Attachment;
import org.backpackbatch.api.model.Belonging;
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
import org.backpackbatch.api.model.Scope;
import org.backpackbatch.api.model.Separator;
import org.backpackbatch.api.model.Status;
import org.backpackbatch.api.model.Tag;
import org.backpackbatch.api.model.User;
import org.backpackbatch.api.model.UserExport;
import org.codehaus.stax2.XMLStreamReader2;

/**
 * The one reader of Backpack XML, shared by the client (answers), the emulator (request bodies) and
 * the XML archive import (pages, streamed one at a time), so that none of them can drift from
 * {@link BackpackXmlWriter} or from each other.
 *
 * <p>An answer is read to its end: the root must be {@code <response success='true'>} holding the
 * expected element, so a truncated body is never taken for a short one. A failure answer
 * ({@code success='false'}) throws {@link BackpackErrorException}, bytes that are not the expected
 * XML throw {@link MalformedXmlException}, and a failing input stream throws
 * {@link UncheckedIOException}. Input streams are never closed here: they belong to the caller.
 *
 * <p>Leniency is deliberate and uniform. Unknown elements and attributes are skipped and any section
 * of a page may be missing. A missing text attribute (title, name, file name, description,
 * created_at) reads as empty text, just as the writer writes a null one; the attributes the records
 * hold as nullable (scope, email_address, list_id, updated_at) read as null when absent. Ids,
 * positions, codes and booleans are required: missing or malformed, they throw
 * {@link MalformedXmlException} naming the element and attribute.
 *
 * <p>The REST-style resources (users, reminders, journal, statuses, calendars, bookmarks) are not
 * wrapped in a response; the same rules hold for their child elements: text missing reads as empty,
 * times missing or {@code nil="true"} read as null, ids required. Only the children a record holds
 * are read; the others are skipped unread, a calendar's sharing token among them.
 */
public final class BackpackXmlReader {

    /**
     * Largest request body accepted. The API reference states no limit; the emulator's decision is
     * the client's answer bound, so a restore can send back any note a backup could read.
     */
    public static final int MAX_REQUEST_BYTES = XmlFactories.MAX_DOCUMENT_BYTES;

    private static final String RESPONSE = "response";
    private static final String HTML_BODY = "the body is an HTML page, not Backpack XML (an error page from a proxy or web server?)";
    private static final int MAX_QUOTED_VALUE = 40;

    /** The REST-style separator resource: the separator and the page that holds it. */
    public record SeparatorResource(Separator separator, long pageId) {
    }

    private BackpackXmlReader() {
    }

    // ---- answers ------------------------------------------------------------------------

    /** {@code pages/all}, {@code pages/search}, {@code tags/select}: {@code <pages><page id title scope?/>...</pages>}. */
    public static List<PageSummary> readPageSummaries(InputStream answer) {
        return readAnswerList(answer, "pages", "page", BackpackXmlReader::pageSummary);
    }

    /** {@code pages/new}, {@code duplicate}: {@code <page id title/>}. */
    public static PageSummary readPageSummary(InputStream answer) {
        return readAnswer(answer, "page", BackpackXmlReader::pageSummary);
    }

    /** {@code POST /ws/page/{id}}: the full page. */
    public static Page readPage(InputStream answer) {
        return readAnswer(answer, "page", BackpackXmlReader::page);
    }

    public static List<Note> readNotes(InputStream answer) {
        return readAnswerList(answer, "notes", "note", BackpackXmlReader::note);
    }

    public static Note readNote(InputStream answer) {
        return readAnswer(answer, "note", BackpackXmlReader::note);
    }

    /** {@code lists/list}: {@code <lists><list id name/>...</lists>}, each list without items. */
    public static List<ItemList> readListSummaries(InputStream answer) {
        return readAnswerList(answer, "lists", "list", BackpackXmlReader::itemList);
    }

    /** {@code lists/add}: {@code <list id name/>}. */
    public static ItemList readListSummary(InputStream answer) {
        return readAnswer(answer, "list", BackpackXmlReader::itemList);
    }

    public static List<Item> readItems(InputStream answer) {
        return readAnswerList(answer, "items", "item", BackpackXmlReader::item);
    }

    public static Item readItem(InputStream answer) {
        return readAnswer(answer, "item", BackpackXmlReader::item);
    }

    public static List<Email> readEmails(InputStream answer) {
        return readAnswerList(answer, "emails", "email", BackpackXmlReader::email);
    }

    public static Email readEmail(InputStream answer) {
        return readAnswer(answer, "email", BackpackXmlReader::email);
    }

    /** An answer that carries no data, {@code <response success='true'/>}: returns when it reports success. */
    public static void readSuccess(InputStream answer) {
        readRoot(answer, RESPONSE, xml -> {
            skipElement(xml);
            return null;
        });
    }

    /**
     * The REST-style {@code <separator><id type="integer">..</id><name>..</name><page-id ...>..</page-id></separator>},
     * which is not wrapped in a response; a failure answer still throws {@link BackpackErrorException}.
     */
    public static SeparatorResource readSeparatorResource(InputStream answer) {
        return readRoot(answer, "separator", BackpackXmlReader::separatorResource);
    }

    // ---- the whole account (REST-style) -------------------------------------------------

    /** {@code users.xml}: {@code <users type="array"><user><id/><name/></user>...</users>}. */
    public static List<User> readUsers(InputStream answer) {
        return readRoot(answer, "users", xml -> children(xml, "user", BackpackXmlReader::user));
    }

    /** {@code me.xml}: the token's own user. */
    public static CurrentUser readCurrentUser(InputStream answer) {
        return readRoot(answer, "user", BackpackXmlReader::currentUser);
    }

    /** {@code reminders.xml}: {@code <reminders><reminder id>...</reminder>...</reminders>}. */
    public static List<Reminder> readReminders(InputStream answer) {
        return readRoot(answer, "reminders", xml -> children(xml, "reminder", BackpackXmlReader::reminder));
    }

    public static Reminder readReminder(InputStream answer) {
        return readRoot(answer, "reminder", BackpackXmlReader::reminder);
    }

    /** One page of {@code journal_entries.xml}. */
    public static List<JournalEntry> readJournalEntries(InputStream answer) {
        return readRoot(answer, "journal-entries", xml -> children(xml, "journal-entry", BackpackXmlReader::journalEntry));
    }

    public static JournalEntry readJournalEntry(InputStream answer) {
        return readRoot(answer, "journal-entry", BackpackXmlReader::journalEntry);
    }

    public static List<Status> readStatuses(InputStream answer) {
        return readRoot(answer, "statuses", xml -> children(xml, "status", BackpackXmlReader::status));
    }

    public static Status readStatus(InputStream answer) {
        return readRoot(answer, "status", BackpackXmlReader::status);
    }

    /** {@code calendars.xml}; each calendar's sharing token and iCal URL are skipped, never read into memory. */
    public static List<Calendar> readCalendars(InputStream answer) {
        return readRoot(answer, "calendars", xml -> children(xml, "calendar", BackpackXmlReader::calendar));
    }

    public static List<CalendarEvent> readCalendarEvents(InputStream answer) {
        return readRoot(answer, "calendar-events", xml -> children(xml, "calendar-event", BackpackXmlReader::calendarEvent));
    }

    public static CalendarEvent readCalendarEvent(InputStream answer) {
        return readRoot(answer, "calendar-event", BackpackXmlReader::calendarEvent);
    }

    public static List<Bookmark> readBookmarks(InputStream answer) {
        return readRoot(answer, "bookmarks", xml -> children(xml, "bookmark", BackpackXmlReader::bookmark));
    }

    /** {@code users/{id}/export.xml}: {@code <user id name account><pages>...</pages><reminders>...</reminders></user>}. */
    public static UserExport readUserExport(InputStream answer) {
        return readRoot(answer, "user", BackpackXmlReader::userExport);
    }

    // ---- streaming ----------------------------------------------------------------------

    /**
     * A hardened stream reader for documents too large to read whole, such as an XML archive; its
     * {@code next()} refuses a DTD with {@link MalformedXmlException}. Hand each {@code <page>} to
     * {@link #readPage(XMLStreamReader)}.
     */
    public static XMLStreamReader openStream(InputStream in) {
        try {
            return new DtdRefusingReader(XmlFactories.input().createXMLStreamReader(in));
        } catch (XMLStreamException e) {
            throw unreadable(null, e);
        }
    }

    /**
     * Reads the full page whose start tag the stream is on, leaving the stream on its end tag, so
     * that an archive can be read one page at a time.
     */
    public static Page readPage(XMLStreamReader xml) {
        return readArchivedPage(xml).page();
    }

    /** A page of an XML archive: the full page and, when the archive holds them, its emails. */
    public record ArchivedPage(Page page, List<Email> emails) {
        /** {@code emails} is null when the page has no {@code <emails>} child (a core snapshot's archive). */
        public ArchivedPage {
            emails = emails == null ? null : List.copyOf(emails);
        }
    }

    /**
     * As {@link #readPage(XMLStreamReader)}, also reading the {@code <emails>} child the XML archive
     * puts after the API's children.
     */
    public static ArchivedPage readArchivedPage(XMLStreamReader xml) {
        if (!xml.isStartElement() || !xml.getLocalName().equals("page")) {
            throw new IllegalStateException("the stream is not on a <page> start tag");
        }
        try {
            List<List<Email>> emails = new ArrayList<>();
            Page page = page(xml, emails);
            return new ArchivedPage(page, emails.isEmpty() ? null : emails.stream().flatMap(List::stream).toList());
        } catch (XMLStreamException e) {
            throw unreadable(xml, e);
        }
    }

    // ---- streaming: the XML archive's sections of the whole account ----------------------
    // Each reads the section whose start tag the stream is on, through its end tag.

    /** {@code <users type="array" me="ID">}: the users, and the token's own one when {@code me} names it. */
    public static AccountUsers readUsers(XMLStreamReader xml) {
        return readSection(xml, "users", users -> {
            Long meId = optionalLongAttribute(users, "me");
            return new AccountUsers(children(users, "user", BackpackXmlReader::user), meId);
        });
    }

    public static List<Reminder> readReminders(XMLStreamReader xml) {
        return readSection(xml, "reminders", reminders -> children(reminders, "reminder", BackpackXmlReader::reminder));
    }

    public static List<JournalEntry> readJournalEntries(XMLStreamReader xml) {
        return readSection(xml, "journal-entries", entries -> children(entries, "journal-entry", BackpackXmlReader::journalEntry));
    }

    public static List<Status> readStatuses(XMLStreamReader xml) {
        return readSection(xml, "statuses", statuses -> children(statuses, "status", BackpackXmlReader::status));
    }

    /** {@code <calendars>} whose each {@code <calendar>} holds its {@code <calendar-events>}. */
    public static List<CalendarWithEvents> readCalendarsWithEvents(XMLStreamReader xml) {
        return readSection(xml, "calendars", calendars -> children(calendars, "calendar", BackpackXmlReader::calendarWithEvents));
    }

    public static List<Bookmark> readBookmarks(XMLStreamReader xml) {
        return readSection(xml, "bookmarks", bookmarks -> children(bookmarks, "bookmark", BackpackXmlReader::bookmark));
    }

    private static <T> T readSection(XMLStreamReader xml, String name, ElementReader<T> section) {
        if (!xml.isStartElement() || !xml.getLocalName().equals(name)) {
            throw new IllegalStateException("the stream is not on a <" + name + "> start tag");
        }
        try {
            return section.read(xml);
        } catch (XMLStreamException e) {
            throw unreadable(xml, e);
        }
    }

    // ---- requests -----------------------------------------------------------------------

    /**
     * A request body as an element tree. Its root is whatever the client sent: {@code <request>} for
     * the {@code /ws} endpoints, the resource itself ({@code <status>}, {@code <journal-entry>}, ...)
     * for some REST-style ones, so the endpoint checks it. At most {@link #MAX_REQUEST_BYTES} bytes,
     * nested at most {@link XmlFactories#MAX_ELEMENT_DEPTH} deep.
     */
    public static XmlElement readRequest(InputStream body) {
        byte[] bytes;
        try {
            bytes = body.readNBytes(MAX_REQUEST_BYTES + 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (bytes.length > MAX_REQUEST_BYTES) {
            throw new MalformedXmlException("request body larger than " + MAX_REQUEST_BYTES + " bytes", null);
        }
        return readDocument(new ByteArrayInputStream(bytes), BackpackXmlReader::element);
    }

    // ---- documents and answers ----------------------------------------------------------

    /** Reads one element of the stream through its end tag; the stream is on its start tag. */
    @FunctionalInterface
    private interface ElementReader<T> {
        T read(XMLStreamReader xml) throws XMLStreamException;
    }

    /** Reads the child element of the given name through its end tag; the stream is on its start tag. */
    @FunctionalInterface
    private interface ChildReader {
        void read(String name) throws XMLStreamException;
    }

    private static <T> List<T> readAnswerList(InputStream answer, String listName, String elementName, ElementReader<T> element) {
        return readAnswer(answer, listName, xml -> children(xml, elementName, element));
    }

    /** The one {@code payloadName} element of a successful answer. */
    private static <T> T readAnswer(InputStream answer, String payloadName, ElementReader<T> payload) {
        return readRoot(answer, RESPONSE, xml -> {
            Location where = xml.getLocation();
            List<T> payloads = children(xml, payloadName, payload);
            if (payloads.size() != 1) {
                throw new MalformedXmlException("the answer holds " + payloads.size() + " <" + payloadName
                        + "> elements, expected one", where);
            }
            return payloads.get(0);
        });
    }

    /** A document whose root must be {@code rootName}, unless it is a failure answer. */
    private static <T> T readRoot(InputStream body, String rootName, ElementReader<T> root) {
        return readDocument(body, xml -> {
            String found = xml.getLocalName();
            if (found.equals(RESPONSE) && !booleanAttribute(xml, "success")) {
                throw failureAnswer(xml);
            }
            if (!found.equals(rootName)) {
                throw new MalformedXmlException(found.equalsIgnoreCase("html") ? HTML_BODY
                        : "expected <" + rootName + "> as the root element, found <" + found + ">", xml.getLocation());
            }
            return root.read(xml);
        });
    }

    private static <T> T readDocument(InputStream body, ElementReader<T> root) {
        InputEnd input = new InputEnd(body);
        XMLStreamReader xml = openStream(input);
        try {
            moveToRoot(xml, input);
            T value = root.read(xml);
            moveToEnd(xml);
            return value;
        } catch (XMLStreamException e) {
            throw unreadable(xml, e, input);
        } finally {
            release(xml);
        }
    }

    private static void moveToRoot(XMLStreamReader xml, InputEnd input) throws XMLStreamException {
        try {
            while (xml.next() != START_ELEMENT) {
                // the prolog: XML declaration, comments, whitespace
            }
        } catch (WstxEOFException e) {
            if (input.endsInsideMarkup()) {
                throw new MalformedXmlException("the body was cut off before its first element was complete", e.getLocation(), e, true);
            }
            throw new MalformedXmlException("no XML element: the body is empty or blank", null, e);
        }
    }

    /** Reads past the root's end tag so that anything after it (a second document, garbage) is rejected too. */
    private static void moveToEnd(XMLStreamReader xml) throws XMLStreamException {
        while (xml.next() != END_DOCUMENT) {
            // the epilog: comments and whitespace only, the parser rejects anything else
        }
    }

    private static void release(XMLStreamReader xml) {
        try {
            xml.close();
        } catch (XMLStreamException e) {
            // closing only returns the parser's buffers; the input stream belongs to the caller
        }
    }

    /** The error of a failure answer; the stream is on {@code <response success='false'>}. */
    private static BackpackErrorException failureAnswer(XMLStreamReader xml) throws XMLStreamException {
        Location where = xml.getLocation();
        while (xml.next() != END_ELEMENT) {
            if (xml.getEventType() == START_ELEMENT) {
                if (xml.getLocalName().equals("error")) {
                    return error(xml);
                }
                skipElement(xml);
            }
        }
        throw new MalformedXmlException("a failure answer without an <error> element", where);
    }

    private static BackpackErrorException error(XMLStreamReader xml) throws XMLStreamException {
        int code = intNumber(xml.getLocation(), attributeField(xml, "code"), attribute(xml, "code"));
        ElementText message = new ElementText();
        try {
            readContent(xml, message, child -> skipElement(xml));
        } catch (XMLStreamException e) {
            // The reference's own examples close <error> with </item>: once the message is read, the
            // parser fails on that end tag. Only an end of input means the message was cut short.
            if (message.isEmpty() || e instanceof WstxEOFException) {
                throw e;
            }
        }
        return new BackpackErrorException(code, message.value());
    }

    /** A parser failure: a failing input stream stays an I/O error, anything else is malformed input. */
    private static RuntimeException unreadable(XMLStreamReader xml, XMLStreamException e) {
        return unreadable(xml, e, null);
    }

    /** As above; {@code input}, when known, tells whether the body was cut off inside markup. */
    private static RuntimeException unreadable(XMLStreamReader xml, XMLStreamException e, InputEnd input) {
        // Woodstox reports undecodable bytes as a CharConversionException: an IOException, but bad input.
        if (e.getCause() instanceof IOException io && !(io instanceof CharConversionException)) {
            return new UncheckedIOException(io);
        }
        Location where = e.getLocation();
        if (where == null && xml != null) {
            where = xml.getLocation();
        }
        // Woodstox reports an input that stops inside markup in several ways (an end of input, a missing
        // semicolon, half a UTF-8 character): what they share is that the input had run out.
        if (input != null && input.endsInsideMarkup()) {
            return new MalformedXmlException(firstLine(e), where, e, true);
        }
        return new MalformedXmlException(firstLine(e), where, e);
    }

    /** Woodstox appends the location on a second line; the exception states it its own way. */
    private static String firstLine(XMLStreamException e) {
        return Objects.requireNonNullElse(e.getMessage(), e.getClass().getSimpleName()).lines()
                .findFirst().orElse("unreadable XML");
    }

    // ---- element walking ----------------------------------------------------------------

    /**
     * Walks the content of the element the stream is on through its end tag: text is appended to
     * {@code text} (unless null) and each child element is handed to {@code child}, which must read
     * it through its end tag.
     */
    private static void readContent(XMLStreamReader xml, ElementText text, ChildReader child) throws XMLStreamException {
        while (true) {
            switch (xml.next()) {
                case START_ELEMENT -> child.read(xml.getLocalName());
                case END_ELEMENT -> {
                    return;
                }
                case CHARACTERS, CDATA, SPACE -> {
                    if (text != null) {
                        text.append(xml);
                    }
                }
                default -> {
                    // comments and processing instructions carry no data
                }
            }
        }
    }

    /**
     * An element's own text as it streams in. The parser bounds each text event, but comments and
     * child elements split an element's text into several: the sum is bounded here. Text in one
     * event, as a note body is, stays the parser's own string: a large note is not copied again.
     */
    private static final class ElementText {
        private String single = "";
        private StringBuilder joined;

        void append(XMLStreamReader xml) {
            if (length() + xml.getTextLength() > XmlFactories.MAX_TEXT_LENGTH) {
                throw new MalformedXmlException("element text over the limit of " + XmlFactories.MAX_TEXT_LENGTH + " characters",
                        xml.getLocation());
            }
            if (joined == null && single.isEmpty()) {
                single = xml.getText();
                return;
            }
            if (joined == null) {
                joined = new StringBuilder(single);
            }
            joined.append(xml.getTextCharacters(), xml.getTextStart(), xml.getTextLength());
        }

        int length() {
            return joined == null ? single.length() : joined.length();
        }

        boolean isEmpty() {
            return length() == 0;
        }

        String value() {
            return joined == null ? single : joined.toString();
        }
    }

    private static void skipElement(XMLStreamReader xml) throws XMLStreamException {
        readContent(xml, null, child -> skipElement(xml));
    }

    /** The element's own text, exactly as sent; child elements are skipped. */
    private static String text(XMLStreamReader xml) throws XMLStreamException {
        ElementText text = new ElementText();
        readContent(xml, text, child -> skipElement(xml));
        return text.value();
    }

    /** The {@code childName} children of the element the stream is on; other children are skipped. */
    private static <T> List<T> children(XMLStreamReader xml, String childName, ElementReader<T> reader) throws XMLStreamException {
        List<T> found = new ArrayList<>();
        readContent(xml, null, child -> {
            if (child.equals(childName)) {
                found.add(reader.read(xml));
            } else {
                skipElement(xml);
            }
        });
        return found;
    }

    /** The {@code childName} elements inside the {@code sectionName} children, e.g. a list's items. */
    private static <T> List<T> section(XMLStreamReader xml, String sectionName, String childName, ElementReader<T> reader) throws XMLStreamException {
        return children(xml, sectionName, container -> children(container, childName, reader))
                .stream().flatMap(List::stream).toList();
    }

    /** Moves past the content of an element whose data is all in its attributes, then returns {@code value}. */
    private static <T> T afterContent(XMLStreamReader xml, T value) throws XMLStreamException {
        skipElement(xml);
        return value;
    }

    /** The element as a tree, for requests and for small answer parts whose data sits in child elements. */
    private static XmlElement element(XMLStreamReader xml) throws XMLStreamException {
        String name = xml.getLocalName();
        Map<String, String> attributes = attributes(xml);
        ElementText text = new ElementText();
        List<XmlElement> children = new ArrayList<>();
        readContent(xml, text, child -> children.add(element(xml)));
        return new XmlElement(name, attributes, text.value(), children);
    }

    /**
     * The {@code names} children of a Rails-style resource as trees, with the resource's attributes;
     * any other child is skipped unread (a calendar's sharing token never reaches memory).
     */
    private static XmlElement fields(XMLStreamReader xml, String... names) throws XMLStreamException {
        String name = xml.getLocalName();
        Map<String, String> attributes = attributes(xml);
        Set<String> wanted = Set.of(names);
        List<XmlElement> children = new ArrayList<>();
        readContent(xml, null, child -> {
            if (wanted.contains(child)) {
                children.add(element(xml));
            } else {
                skipElement(xml);
            }
        });
        return new XmlElement(name, attributes, "", children);
    }

    private static Map<String, String> attributes(XMLStreamReader xml) {
        Map<String, String> attributes = new HashMap<>();
        for (int i = 0; i < xml.getAttributeCount(); i++) {
            attributes.put(xml.getAttributeLocalName(i), xml.getAttributeValue(i));
        }
        return attributes;
    }

    // ---- records ------------------------------------------------------------------------
    // Attributes are taken before the content: Java evaluates constructor arguments left to right.

    private static PageSummary pageSummary(XMLStreamReader xml) throws XMLStreamException {
        return afterContent(xml, new PageSummary(longAttribute(xml, "id"), textAttribute(xml, "title"), scopeAttribute(xml)));
    }

    private static Page page(XMLStreamReader xml) throws XMLStreamException {
        return page(xml, null);
    }

    /** The full page; an archive's {@code <emails>} children go to {@code emails} when it is given, else are skipped. */
    private static Page page(XMLStreamReader xml, List<List<Email>> emails) throws XMLStreamException {
        long id = longAttribute(xml, "id");
        String title = textAttribute(xml, "title");
        Scope scope = scopeAttribute(xml);
        String emailAddress = attribute(xml, "email_address");
        List<Belonging> belongings = new ArrayList<>();
        List<Note> notes = new ArrayList<>();
        List<ItemList> lists = new ArrayList<>();
        List<Tag> tags = new ArrayList<>();
        List<Separator> separators = new ArrayList<>();
        List<Gallery> galleries = new ArrayList<>();
        List<Attachment> attachments = new ArrayList<>();
        readContent(xml, null, section -> {
            switch (section) {
                case "belongings" -> belongings.addAll(children(xml, "belonging", BackpackXmlReader::belonging));
                case "notes" -> notes.addAll(children(xml, "note", BackpackXmlReader::note));
                case "lists" -> lists.addAll(children(xml, "list", BackpackXmlReader::itemList));
                case "tags" -> tags.addAll(children(xml, "tag", BackpackXmlReader::tag));
                case "separators" -> separators.addAll(children(xml, "separator", BackpackXmlReader::separator));
                case "galleries" -> galleries.addAll(children(xml, "gallery", BackpackXmlReader::gallery));
                case "attachments" -> attachments.addAll(children(xml, "attachment", BackpackXmlReader::attachment));
                case "emails" -> {
                    if (emails == null) {
                        skipElement(xml);
                    } else {
                        emails.add(children(xml, "email", BackpackXmlReader::email));
                    }
                }
                default -> skipElement(xml);
            }
        });
        return new Page(id, title, scope, emailAddress, belongings, notes, lists, tags, separators, galleries, attachments);
    }

    /** {@code <belonging id><position>1</position><widget type id/></belonging>}. */
    private static Belonging belonging(XMLStreamReader xml) throws XMLStreamException {
        Location where = xml.getLocation();
        long id = longAttribute(xml, "id");
        XmlElement belonging = element(xml);
        XmlElement widget = belonging.child("widget");
        if (widget == null) {
            throw new MalformedXmlException("<belonging> " + id + " has no <widget>", where);
        }
        return new Belonging(id,
                intNumber(where, "<position> of <belonging>", belonging.childText("position")),
                Objects.requireNonNullElse(widget.attribute("type"), ""),
                number(where, "attribute 'id' of <widget>", widget.attribute("id")));
    }

    private static Note note(XMLStreamReader xml) throws XMLStreamException {
        return titledText(xml, Note::new);
    }

    private static Email email(XMLStreamReader xml) throws XMLStreamException {
        return titledText(xml, Email::new);
    }

    /** The shape notes and emails share. */
    @FunctionalInterface
    private interface TitledText<T> {
        T create(long id, String title, String createdAt, String body);
    }

    /** {@code <note id title created_at>body</note>}, and the same for an email. */
    private static <T> T titledText(XMLStreamReader xml, TitledText<T> shape) throws XMLStreamException {
        return shape.create(longAttribute(xml, "id"), textAttribute(xml, "title"), textAttribute(xml, "created_at"), text(xml));
    }

    /** {@code <list id name>} with its {@code <items>} where the answer has them. */
    private static ItemList itemList(XMLStreamReader xml) throws XMLStreamException {
        return new ItemList(longAttribute(xml, "id"), textAttribute(xml, "name"), section(xml, "items", "item", BackpackXmlReader::item));
    }

    /** {@code <item id list_id? completed updated_at?>content</item>}. */
    private static Item item(XMLStreamReader xml) throws XMLStreamException {
        return new Item(longAttribute(xml, "id"), optionalLongAttribute(xml, "list_id"), booleanAttribute(xml, "completed"),
                attribute(xml, "updated_at"), text(xml));
    }

    private static Tag tag(XMLStreamReader xml) throws XMLStreamException {
        return afterContent(xml, new Tag(longAttribute(xml, "id"), textAttribute(xml, "name")));
    }

    /** {@code <separator id name/>} inside a full page. */
    private static Separator separator(XMLStreamReader xml) throws XMLStreamException {
        return afterContent(xml, new Separator(longAttribute(xml, "id"), textAttribute(xml, "name")));
    }

    private static Gallery gallery(XMLStreamReader xml) throws XMLStreamException {
        return new Gallery(longAttribute(xml, "id"), textAttribute(xml, "name"), section(xml, "images", "image", BackpackXmlReader::image));
    }

    private static Image image(XMLStreamReader xml) throws XMLStreamException {
        return afterContent(xml, new Image(longAttribute(xml, "id"), textAttribute(xml, "file_name"),
                longAttribute(xml, "gallery_id"), textAttribute(xml, "description")));
    }

    private static Attachment attachment(XMLStreamReader xml) throws XMLStreamException {
        return afterContent(xml, new Attachment(longAttribute(xml, "id"), textAttribute(xml, "file_name")));
    }

    private static SeparatorResource separatorResource(XMLStreamReader xml) throws XMLStreamException {
        Location where = xml.getLocation();
        XmlElement separator = element(xml);
        return new SeparatorResource(
                new Separator(number(where, "<id> of <separator>", separator.childText("id")),
                        Objects.requireNonNullElse(separator.childText("name"), "")),
                number(where, "<page-id> of <separator>", separator.childText("page-id")));
    }

    /** {@code <user><id type="integer"/><name/></user>}. */
    private static User user(XMLStreamReader xml) throws XMLStreamException {
        Location where = xml.getLocation();
        XmlElement user = fields(xml, "id", "name");
        return new User(childNumber(where, user, "id"), childText(user, "name"));
    }

    private static CurrentUser currentUser(XMLStreamReader xml) throws XMLStreamException {
        Location where = xml.getLocation();
        XmlElement me = fields(xml, "id", "name", "email", "start-page-id", "time-zone");
        return new CurrentUser(childNumber(where, me, "id"), childText(me, "name"), childText(me, "email"),
                optionalChildNumber(where, me, "start-page-id"), childText(me, "time-zone"));
    }

    /** {@code <reminder id><remind_at/><content/><creator id name/><remindees><user id name/>...</remindees></reminder>}. */
    private static Reminder reminder(XMLStreamReader xml) throws XMLStreamException {
        Location where = xml.getLocation();
        long id = longAttribute(xml, "id");
        XmlElement reminder = fields(xml, "remind_at", "content", "creator", "remindees");
        XmlElement creator = reminder.child("creator");
        if (creator == null) {
            throw new MalformedXmlException("<reminder> " + id + " has no <creator>", where);
        }
        List<User> remindees = new ArrayList<>();
        XmlElement remindeeList = reminder.child("remindees");
        if (remindeeList != null) {
            for (XmlElement remindee : remindeeList.children("user")) {
                remindees.add(attributeUser(where, remindee));
            }
        }
        return new Reminder(id, childTime(reminder, "remind_at"), childText(reminder, "content"), attributeUser(where, creator), remindees);
    }

    /** A user written as attributes, {@code <creator id name/>} or {@code <user id name/>}. */
    private static User attributeUser(Location where, XmlElement user) {
        return new User(number(where, "attribute 'id' of <" + user.name() + ">", user.attribute("id")),
                Objects.requireNonNullElse(user.attribute("name"), ""));
    }

    private static JournalEntry journalEntry(XMLStreamReader xml) throws XMLStreamException {
        Location where = xml.getLocation();
        XmlElement entry = fields(xml, "id", "body", "created-at", "updated-at", "user-id", "user");
        return new JournalEntry(childNumber(where, entry, "id"), childNumber(where, entry, "user-id"), includedUserName(entry),
                childText(entry, "body"), childTime(entry, "created-at"), childTime(entry, "updated-at"));
    }

    private static Status status(XMLStreamReader xml) throws XMLStreamException {
        Location where = xml.getLocation();
        XmlElement status = fields(xml, "id", "message", "updated-at", "user-id", "user");
        return new Status(childNumber(where, status, "id"), childNumber(where, status, "user-id"), includedUserName(status),
                childText(status, "message"), childTime(status, "updated-at"));
    }

    /** The name of the {@code <user>} Rails includes in an entry or status; empty when it is not there. */
    private static String includedUserName(XmlElement resource) {
        XmlElement user = resource.child("user");
        return user == null ? "" : childText(user, "name");
    }

    /** The fields of a calendar the client keeps. */
    private static final String[] CALENDAR_FIELDS = {"id", "name", "color", "created-at", "updated-at"};

    /** A calendar without its sharing token and iCal URL: {@link #fields} skips them unread. */
    private static Calendar calendar(XMLStreamReader xml) throws XMLStreamException {
        Location where = xml.getLocation();
        return calendar(where, fields(xml, CALENDAR_FIELDS));
    }

    private static Calendar calendar(Location where, XmlElement calendar) {
        return new Calendar(childNumber(where, calendar, "id"), childText(calendar, "name"), childText(calendar, "color"),
                childTime(calendar, "created-at"), childTime(calendar, "updated-at"));
    }

    /** A calendar of the XML archive, its {@code <calendar-events>} inside it; anything else skipped unread as for a calendar. */
    private static CalendarWithEvents calendarWithEvents(XMLStreamReader xml) throws XMLStreamException {
        Location where = xml.getLocation();
        Map<String, String> attributes = attributes(xml);
        Set<String> wanted = Set.of(CALENDAR_FIELDS);
        List<XmlElement> fields = new ArrayList<>();
        List<CalendarEvent> events = new ArrayList<>();
        readContent(xml, null, child -> {
            if (child.equals("calendar-events")) {
                events.addAll(children(xml, "calendar-event", BackpackXmlReader::calendarEvent));
            } else if (wanted.contains(child)) {
                fields.add(element(xml));
            } else {
                skipElement(xml);
            }
        });
        return new CalendarWithEvents(calendar(where, new XmlElement("calendar", attributes, "", fields)), events);
    }

    private static CalendarEvent calendarEvent(XMLStreamReader xml) throws XMLStreamException {
        Location where = xml.getLocation();
        XmlElement event = fields(xml, "id", "calendar-id", "title", "occurs-at", "remind");
        return new CalendarEvent(childNumber(where, event, "id"), childNumber(where, event, "calendar-id"), childText(event, "title"),
                childTime(event, "occurs-at"), childBoolean(where, event, "remind"));
    }

    private static Bookmark bookmark(XMLStreamReader xml) throws XMLStreamException {
        Location where = xml.getLocation();
        XmlElement bookmark = fields(xml, "id", "user-id", "bookmarkable-type", "bookmarkable-id", "position");
        return new Bookmark(childNumber(where, bookmark, "id"), childNumber(where, bookmark, "user-id"),
                childText(bookmark, "bookmarkable-type"), childNumber(where, bookmark, "bookmarkable-id"),
                intNumber(where, childField(bookmark, "position"), bookmark.childText("position")));
    }

    private static UserExport userExport(XMLStreamReader xml) throws XMLStreamException {
        User user = new User(longAttribute(xml, "id"), textAttribute(xml, "name"));
        String account = textAttribute(xml, "account");
        List<Page> pages = new ArrayList<>();
        List<Reminder> reminders = new ArrayList<>();
        readContent(xml, null, section -> {
            switch (section) {
                case "pages" -> pages.addAll(children(xml, "page", BackpackXmlReader::page));
                case "reminders" -> reminders.addAll(children(xml, "reminder", BackpackXmlReader::reminder));
                default -> skipElement(xml);
            }
        });
        return new UserExport(user, account, pages, reminders);
    }

    // ---- values -------------------------------------------------------------------------

    private static String attribute(XMLStreamReader xml, String name) {
        return xml.getAttributeValue(null, name);
    }

    /** A text attribute; absent reads as empty, as the writer writes a null text. */
    private static String textAttribute(XMLStreamReader xml, String name) {
        return Objects.requireNonNullElse(attribute(xml, name), "");
    }

    private static long longAttribute(XMLStreamReader xml, String name) {
        return number(xml.getLocation(), attributeField(xml, name), attribute(xml, name));
    }

    private static Long optionalLongAttribute(XMLStreamReader xml, String name) {
        String value = attribute(xml, name);
        return value == null ? null : number(xml.getLocation(), attributeField(xml, name), value);
    }

    private static boolean booleanAttribute(XMLStreamReader xml, String name) {
        String value = attribute(xml, name);
        if ("true".equals(value) || "false".equals(value)) {
            return Boolean.parseBoolean(value);
        }
        throw new MalformedXmlException(attributeField(xml, name) + (value == null ? " is missing"
                : " is neither true nor false: " + quoted(value)), xml.getLocation());
    }

    private static Scope scopeAttribute(XMLStreamReader xml) {
        String value = attribute(xml, "scope");
        try {
            return value == null ? null : Scope.fromXml(value);
        } catch (IllegalArgumentException e) {
            throw new MalformedXmlException(attributeField(xml, "scope") + " is neither personal nor friends: "
                    + quoted(value), xml.getLocation());
        }
    }

    private static String attributeField(XMLStreamReader xml, String name) {
        return "attribute '" + name + "' of <" + xml.getLocalName() + ">";
    }

    private static String childField(XmlElement resource, String childName) {
        return "<" + childName + "> of <" + resource.name() + ">";
    }

    /** A child element's text; absent reads as empty, as for attributes. */
    private static String childText(XmlElement resource, String childName) {
        return Objects.requireNonNullElse(resource.childText(childName), "");
    }

    /** A time, verbatim; null when the child is absent or {@code nil="true"}. */
    private static String childTime(XmlElement resource, String childName) {
        XmlElement child = resource.child(childName);
        return child == null || "true".equals(child.attribute("nil")) ? null : child.text();
    }

    private static long childNumber(Location where, XmlElement resource, String childName) {
        return number(where, childField(resource, childName), resource.childText(childName));
    }

    /** Null when the child is absent, {@code nil="true"} or blank. */
    private static Long optionalChildNumber(Location where, XmlElement resource, String childName) {
        XmlElement child = resource.child(childName);
        if (child == null || "true".equals(child.attribute("nil")) || child.text().isBlank()) {
            return null;
        }
        return number(where, childField(resource, childName), child.text());
    }

    private static boolean childBoolean(Location where, XmlElement resource, String childName) {
        String value = resource.childText(childName);
        String stripped = value == null ? null : value.strip();
        if ("true".equals(stripped) || "false".equals(stripped)) {
            return Boolean.parseBoolean(stripped);
        }
        throw new MalformedXmlException(childField(resource, childName) + (value == null ? " is missing"
                : " is neither true nor false: " + quoted(value)), where);
    }

    /** {@code value} as a number; {@code field} names where it came from, for the message. */
    private static long number(Location where, String field, String value) {
        if (value == null) {
            throw new MalformedXmlException(field + " is missing", where);
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new MalformedXmlException(field + " is not a number: " + quoted(value), where);
        }
    }

    private static int intNumber(Location where, String field, String value) {
        long number = number(where, field, value);
        if (number != (int) number) {
            throw new MalformedXmlException(field + " is out of range: " + quoted(value), where);
        }
        return (int) number;
    }

    /** A value for a message, cut short: it comes from the body, which may be huge or hostile. */
    private static String quoted(String value) {
        return "'" + (value.length() > MAX_QUOTED_VALUE ? value.substring(0, MAX_QUOTED_VALUE) + "..." : value) + "'";
    }

    /**
     * Watches how the input ended: a body that began as markup ({@code <}, or the UTF-8 byte order
     * mark) and ran out while the parser still needed more, its last visible byte anything but the
     * {@code >} that closes markup, was cut off.
     */
    private static final class InputEnd extends FilterInputStream {
        private static final int UTF8_BOM_START = 0xEF;

        private boolean ended;
        private int firstVisible = -1;
        private int lastVisible = -1;

        InputEnd(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b < 0) {
                ended = true;
            } else if (!isBlank(b)) {
                seen(b);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n < 0) {
                ended = true;
            }
            for (int i = offset; firstVisible < 0 && i < offset + n; i++) {
                if (!isBlank(buffer[i])) {
                    firstVisible = buffer[i] & 0xFF;
                }
            }
            for (int i = offset + n - 1; i >= offset; i--) {
                if (!isBlank(buffer[i])) {
                    lastVisible = buffer[i] & 0xFF;
                    break;
                }
            }
            return n;
        }

        private void seen(int b) {
            if (firstVisible < 0) {
                firstVisible = b;
            }
            lastVisible = b;
        }

        boolean endsInsideMarkup() {
            return ended && (firstVisible == '<' || firstVisible == UTF8_BOM_START) && lastVisible != '>';
        }

        private static boolean isBlank(int b) {
            return b == ' ' || b == '\t' || b == '\r' || b == '\n';
        }
    }

    /**
     * Refuses a DTD wherever the parser reports one: with DTD support off Woodstox still reports it,
     * merely unprocessed, and nothing in Backpack XML needs one.
     */
    private static final class DtdRefusingReader extends StreamReaderDelegate {

        DtdRefusingReader(XMLStreamReader parser) {
            super(parser);
        }

        @Override
        public int next() throws XMLStreamException {
            int event = super.next();
            if (event == DTD) {
                String root = ((XMLStreamReader2) getParent()).getDTDInfo().getDTDRootName();
                throw new MalformedXmlException("html".equalsIgnoreCase(root) ? HTML_BODY
                        : "a DTD (<!DOCTYPE ...>) is not allowed in Backpack XML", getLocation());
            }
            return event;
        }
    }
}
