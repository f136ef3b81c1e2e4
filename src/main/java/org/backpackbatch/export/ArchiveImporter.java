package org.backpackbatch.export;

import static javax.xml.stream.XMLStreamConstants.END_DOCUMENT;
import static javax.xml.stream.XMLStreamConstants.END_ELEMENT;
import static javax.xml.stream.XMLStreamConstants.START_ELEMENT;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.backpackbatch.api.AccountUrl;
import org.backpackbatch.api.model.AccountUsers;
import org.backpackbatch.api.model.Bookmark;
import org.backpackbatch.api.model.CalendarWithEvents;
import org.backpackbatch.api.model.JournalEntry;
import org.backpackbatch.api.model.PageSummary;
import org.backpackbatch.api.model.Reminder;
import org.backpackbatch.api.model.Status;
import org.backpackbatch.api.xml.BackpackXmlReader;
import org.backpackbatch.api.xml.BackpackXmlReader.ArchivedPage;
import org.backpackbatch.api.xml.MalformedXmlException;
import org.backpackbatch.store.AccountRecords;
import org.backpackbatch.store.AccountRecords.StoredAccount;
import org.backpackbatch.store.Include;
import org.backpackbatch.store.PageRecords;
import org.backpackbatch.store.Resource;
import org.backpackbatch.store.Snapshot;
import org.backpackbatch.store.SnapshotSelectionException;
import org.backpackbatch.store.SnapshotStore;
import org.backpackbatch.store.Store;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads an XML archive (plain or gzip) into a store as a new complete snapshot of the account it
 * names, page by page and then each section of the whole account, through the same incremental
 * store a backup writes to, all in one transaction: an archive that turns out broken anywhere,
 * even in its last byte, leaves the store as it was. The snapshot includes what the archive holds:
 * emails when its pages carry them, and each section it has.
 */
public final class ArchiveImporter {

    /** Pages stored together: a few statements for many pages, with no more of them in memory than a backup's chunk holds. */
    private static final int PAGES_AT_A_TIME = 32;

    private final Store session;
    private final Path archive;

    private ArchiveImporter(Store session, Path archive) {
        this.session = session;
        this.archive = archive;
    }

    /** Imports the archive and returns its new snapshot. */
    public static Snapshot importArchive(Store session, Path archive) {
        return new ArchiveImporter(session, archive).run();
    }

    /** What the root element says. */
    private record Header(String account, String takenAt) {
    }

    /** The account the archive is of, as its root element names it: what an import writes to, read before the store is opened. */
    public static String accountOf(Path archive) {
        ArchiveImporter reader = new ArchiveImporter(null, archive);
        return reader.reading((in, xml) -> reader.readRoot(xml).account());
    }

    private Snapshot run() {
        return reading((in, xml) -> {
            Header header = readRoot(xml);
            SnapshotStore store = session.snapshots();
            store.unfinished(header.account()).ifPresent(unfinished -> {
                throw new SnapshotSelectionException("snapshot " + unfinished.id() + " of " + header.account() + " is "
                        + unfinished.state().label() + "; finish it with 'backup' (or drop it) before importing an archive of that account");
            });
            return new TransactionTemplate(session.transactionManager()).execute(status -> readIntoStore(store, header, xml, in));
        });
    }

    /** What is done with the archive's stream, from its start. */
    @FunctionalInterface
    private interface ArchiveWork<T> {
        T read(InputStream in, XMLStreamReader xml) throws IOException, XMLStreamException;
    }

    /** Opens the archive for {@code work}; whatever is wrong with the archive comes out as a {@link BrokenArchiveException} saying what. */
    private <T> T reading(ArchiveWork<T> work) {
        if (!Files.isRegularFile(archive) || !Files.isReadable(archive)) {
            throw new BrokenArchiveException(archive, "no readable file there", null);
        }
        try (InputStream in = open()) {
            return work.read(in, BackpackXmlReader.openStream(in));
        } catch (BrokenArchiveException | SnapshotSelectionException e) {
            throw e;
        } catch (MalformedXmlException e) {
            throw new BrokenArchiveException(archive, (e.truncated() ? "cut off: " : "") + e.getMessage(), e);
        } catch (XMLStreamException e) {
            throw new BrokenArchiveException(archive, "malformed XML: " + firstLine(e.getMessage()), e);
        } catch (ZipException e) {
            throw new BrokenArchiveException(archive, "not valid gzip data (the name ends in .gz): " + e.getMessage(), e);
        } catch (EOFException e) {
            throw new BrokenArchiveException(archive, "cut off: the data ends before the archive does", e);
        } catch (IOException e) {
            throw new BrokenArchiveException(archive, "unreadable: " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            IOException cause = e.getCause();
            String reason = cause instanceof ZipException ? "not valid gzip data: " + cause.getMessage()
                    : cause instanceof EOFException ? "cut off: the data ends before the archive does"
                    : "unreadable: " + cause.getMessage();
            throw new BrokenArchiveException(archive, reason, e);
        }
    }

    private InputStream open() throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(archive), 1 << 16);
        if (!XmlArchiveWriter.isGzip(archive)) {
            return in;
        }
        try {
            return new GZIPInputStream(in, 1 << 16);
        } catch (IOException e) {
            in.close();
            throw e instanceof ZipException || e instanceof EOFException ? new ZipException(e.getMessage()) : e;
        }
    }

    private Header readRoot(XMLStreamReader xml) throws XMLStreamException {
        while (xml.next() != START_ELEMENT) {
            // the prolog: declaration, comments, whitespace
        }
        if (!xml.getLocalName().equals(XmlArchiveWriter.ROOT)) {
            throw broken("its root element is <" + xml.getLocalName() + ">, not <" + XmlArchiveWriter.ROOT + ">");
        }
        String version = xml.getAttributeValue(null, "version");
        if (!XmlArchiveWriter.VERSION.equals(version)) {
            throw broken(version == null ? "the archive names no version" : "archive version '" + version
                    + "' is not one this program reads (it reads version " + XmlArchiveWriter.VERSION + ")");
        }
        String account = required(xml, "account");
        try {
            account = AccountUrl.parse(account).toString();
        } catch (IllegalArgumentException e) {
            throw broken(e.getMessage());
        }
        return new Header(account, required(xml, "taken_at"));
    }

    private String required(XMLStreamReader xml, String attribute) {
        String value = xml.getAttributeValue(null, attribute);
        if (value == null || value.isBlank()) {
            throw broken("<" + XmlArchiveWriter.ROOT + "> has no " + attribute + " attribute");
        }
        return value;
    }

    private Snapshot readIntoStore(SnapshotStore store, Header header, XMLStreamReader xml, InputStream in) {
        try {
            Snapshot snapshot = store.begin(header.account(), Include.CORE, Snapshot.Origin.IMPORT);
            List<PageSummary> pages = new ArrayList<>();
            Set<Resource> included = EnumSet.noneOf(Resource.class);
            Sections account = new Sections();
            List<SnapshotStore.UnitRecords> unstored = new ArrayList<>();
            forEachChild(xml, section -> {
                switch (section) {
                    case "pages" -> forEachChild(xml, element -> {
                        if (!element.equals("page")) {
                            skip(xml);
                            return;
                        }
                        ArchivedPage page = BackpackXmlReader.readArchivedPage(xml);
                        pages.add(page.page().summary());
                        if (page.emails() != null) {
                            included.add(Resource.EMAILS);
                        }
                        unstored.add(new SnapshotStore.UnitRecords(page.page().id(),
                                PageRecords.toRecords(page.page(), page.emails() == null ? List.of() : page.emails())));
                        if (unstored.size() == PAGES_AT_A_TIME) {
                            store.recordUnits(snapshot.id(), unstored);
                            unstored.clear();
                        }
                    });
                    case "users" -> account.users = BackpackXmlReader.readUsers(xml);
                    case "reminders" -> account.reminders = BackpackXmlReader.readReminders(xml);
                    case "journal-entries" -> account.journal = BackpackXmlReader.readJournalEntries(xml);
                    case "statuses" -> account.statuses = BackpackXmlReader.readStatuses(xml);
                    case "calendars" -> account.calendars = BackpackXmlReader.readCalendarsWithEvents(xml);
                    case "bookmarks" -> account.bookmarks = BackpackXmlReader.readBookmarks(xml);
                    default -> skip(xml);
                }
            });
            store.recordUnits(snapshot.id(), unstored);
            unstored.clear();
            while (xml.next() != END_DOCUMENT) {
                // the epilog: the parser refuses anything but comments and whitespace
            }
            // the rest of a gzip stream holds its checksum, which only a read to the end verifies
            in.transferTo(OutputStream.nullOutputStream());
            checkUnique(pages);
            StoredAccount stored = account.stored();
            for (Resource resource : Resource.ofAccount()) {
                if (stored.holds(resource)) {
                    included.add(resource);
                    store.recordUnit(snapshot.id(), resource.scope(), AccountRecords.toRecords(resource, stored));
                }
            }
            Include include = new Include(included);
            store.recordWorklist(snapshot.id(), pages, include);
            store.complete(snapshot.id(), 0);
            store.describeImport(snapshot.id(), include, header.takenAt());
            return store.snapshot(snapshot.id());
        } catch (XMLStreamException e) {
            throw new BrokenArchiveException(archive, "malformed XML: " + firstLine(e.getMessage()), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The sections of the whole account as they are read; one the archive lacks stays null. */
    private static final class Sections {
        private AccountUsers users;
        private List<Reminder> reminders;
        private List<JournalEntry> journal;
        private List<Status> statuses;
        private List<CalendarWithEvents> calendars;
        private List<Bookmark> bookmarks;

        StoredAccount stored() {
            return new StoredAccount(users, reminders, journal, statuses, calendars, bookmarks);
        }
    }

    private void checkUnique(List<PageSummary> pages) {
        Set<Long> seen = new HashSet<>();
        for (PageSummary page : pages) {
            if (!seen.add(page.id())) {
                throw broken("page " + page.id() + " appears twice");
            }
        }
    }

    /** Reads the element of the given name through its end tag; the stream is on its start tag. */
    @FunctionalInterface
    private interface ChildReader {
        void read(String name) throws XMLStreamException;
    }

    /** Hands each child element of the element the stream is on to {@code child}, through the element's end tag. */
    private static void forEachChild(XMLStreamReader xml, ChildReader child) throws XMLStreamException {
        while (true) {
            int event = xml.next();
            if (event == START_ELEMENT) {
                child.read(xml.getLocalName());
            } else if (event == END_ELEMENT) {
                return;
            }
        }
    }

    /** Skips an element an archive reader does not know, for archives of later versions that add to this one. */
    private static void skip(XMLStreamReader xml) throws XMLStreamException {
        forEachChild(xml, name -> skip(xml));
    }

    private BrokenArchiveException broken(String reason) {
        return new BrokenArchiveException(archive, reason, null);
    }

    private static String firstLine(String message) {
        return message == null ? "unreadable XML" : message.lines().findFirst().orElse(message);
    }
}
