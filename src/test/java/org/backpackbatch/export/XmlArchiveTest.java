package org.backpackbatch.export;

import static javax.xml.stream.XMLStreamConstants.START_ELEMENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.backpackbatch.export.BackedUpStore.run;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.stream.XMLStreamReader;
import org.backpackbatch.api.Secrets;
import org.backpackbatch.api.model.AccountUsers;
import org.backpackbatch.api.model.Bookmark;
import org.backpackbatch.api.model.CalendarWithEvents;
import org.backpackbatch.api.model.JournalEntry;
import org.backpackbatch.api.model.Page;
import org.backpackbatch.api.model.Reminder;
import org.backpackbatch.api.model.Status;
import org.backpackbatch.api.xml.BackpackXmlReader;
import org.backpackbatch.store.AccountRecords.StoredAccount;
import org.backpackbatch.store.PageRecords.StoredPage;
import org.backpackbatch.store.Snapshot;
import org.backpackbatch.store.Store;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The archive of a generated account is well-formed XML whose pages any reader of the API's page
 * XML reads, followed by the whole account in the API's shapes, without a calendar's credentials.
 */
class XmlArchiveTest {

    @TempDir
    static Path dir;

    private static Path archive;
    private static Snapshot snapshot;
    private static List<StoredPage> pages;
    private static StoredAccount account;

    @BeforeAll
    static void backUpAndExport() throws Exception {
        Path store = dir.resolve("store.db");
        snapshot = BackedUpStore.create(store, BackedUpStore.PAGES);
        archive = dir.resolve("archive.xml");
        run("export", "--db", store.toString(), "--format", "xml", "--out", archive.toString());
        try (Store session = Store.open(store, Store.Access.READ)) {
            pages = BackedUpStore.pages(session.snapshots(), snapshot.id());
            account = session.snapshots().account(snapshot.id());
        }
    }

    @Test
    void itIsWellFormedWithTheRootAndPagesOfTheFormat() throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document document = factory.newDocumentBuilder().parse(archive.toFile());
        Element root = document.getDocumentElement();
        assertThat(root.getTagName()).isEqualTo("backpack-archive");
        assertThat(root.getAttribute("version")).isEqualTo("1");
        assertThat(root.getAttribute("account")).isEqualTo(snapshot.account());
        assertThat(root.getAttribute("snapshot")).isEqualTo(Long.toString(snapshot.id()));
        assertThat(root.getAttribute("taken_at")).isEqualTo(snapshot.startedAt());
        NodeList pageElements = document.getElementsByTagName("page");
        assertThat(pageElements.getLength()).isEqualTo(pages.size());
        Element first = (Element) pageElements.item(0);
        assertThat(((Element) first.getParentNode()).getTagName()).isEqualTo("pages");
        assertThat(first.getAttribute("scope")).isNotEmpty();
        List<String> children = new ArrayList<>();
        for (Node child = first.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element) {
                children.add(element.getTagName());
            }
        }
        assertThat(children).startsWith("belongings", "notes", "lists").contains("tags").endsWith("emails");
        assertThat(Files.readString(archive).lines().filter(line -> line.startsWith("    <page ")).count())
                .as("each page starts a line of its own").isEqualTo(pages.size());
    }

    @Test
    void theWholeAccountFollowsThePagesInTheApisShapesWithoutCalendarCredentials() throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Element root = factory.newDocumentBuilder().parse(archive.toFile()).getDocumentElement();
        List<String> sections = new ArrayList<>();
        for (Node child = root.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element) {
                sections.add(element.getTagName());
            }
        }
        assertThat(sections).containsExactly("pages", "users", "reminders", "journal-entries", "statuses", "calendars", "bookmarks");
        Element firstCalendar = (Element) root.getElementsByTagName("calendar").item(0);
        assertThat(firstCalendar.getElementsByTagName("calendar-events").getLength()).isEqualTo(1);
        assertThat(root.getElementsByTagName("token").getLength()).isZero();
        assertThat(root.getElementsByTagName("ical-subscription-url").getLength()).isZero();
        String text = Files.readString(archive);
        assertThat(Secrets.leaksIn(text)).as("a token, a calendar's sharing token among them, in the archive").isFalse();
        assertThat(text).doesNotContain("webcal:");

        AccountUsers users = null;
        List<Reminder> reminders = null;
        List<JournalEntry> journal = null;
        List<Status> statuses = null;
        List<CalendarWithEvents> calendars = null;
        List<Bookmark> bookmarks = null;
        try (InputStream in = Files.newInputStream(archive)) {
            XMLStreamReader xml = BackpackXmlReader.openStream(in);
            while (xml.hasNext()) {
                if (xml.next() == START_ELEMENT) {
                    switch (xml.getLocalName()) {
                        case "users" -> users = BackpackXmlReader.readUsers(xml);
                        case "reminders" -> reminders = BackpackXmlReader.readReminders(xml);
                        case "journal-entries" -> journal = BackpackXmlReader.readJournalEntries(xml);
                        case "statuses" -> statuses = BackpackXmlReader.readStatuses(xml);
                        case "calendars" -> calendars = BackpackXmlReader.readCalendarsWithEvents(xml);
                        case "bookmarks" -> bookmarks = BackpackXmlReader.readBookmarks(xml);
                        default -> { }
                    }
                }
            }
        }
        assertThat(new StoredAccount(users, reminders, journal, statuses, calendars, bookmarks)).isEqualTo(account);
        assertThat(account.users().meId()).as("the token's own user, named by me=").isNotNull();
    }

    @Test
    void theClientsPageReaderReadsEveryPage() throws Exception {
        List<Page> read = new ArrayList<>();
        try (InputStream in = Files.newInputStream(archive)) {
            XMLStreamReader xml = BackpackXmlReader.openStream(in);
            while (xml.hasNext()) {
                if (xml.next() == START_ELEMENT && xml.getLocalName().equals("page")) {
                    read.add(BackpackXmlReader.readPage(xml));
                }
            }
        }
        assertThat(read).isEqualTo(pages.stream().map(StoredPage::page).toList());
    }
}
