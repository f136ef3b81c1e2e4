package org.backpackbatch.export;

import static javax.xml.stream.XMLStreamConstants.END_DOCUMENT;
import static javax.xml.stream.XMLStreamConstants.END_ELEMENT;
import static javax.xml.stream.XMLStreamConstants.START_ELEMENT;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;
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
 * even in its last byte, leaves the store as it was. The archive is read on a thread of its own
 * while the store writes what was read before. The snapshot includes what the archive holds:
 * emails when its pages carry them, and each section it has.
 */
public final class ArchiveImporter {

    /** Pages stored together: a few statements for many pages; a few such chunks at most are in memory ({@link ReadAhead}). */
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
            Content content;
            try (ReadAhead reader = new ReadAhead(chunks -> readContent(xml, in, chunks))) {
                for (List<SnapshotStore.UnitRecords> chunk = reader.next(); chunk != null; chunk = reader.next()) {
                    store.recordUnits(snapshot.id(), chunk);
                }
                content = reader.content();
            }
            StoredAccount stored = content.account.stored();
            for (Resource resource : Resource.ofAccount()) {
                if (stored.holds(resource)) {
                    content.included.add(resource);
                    store.recordUnit(snapshot.id(), resource.scope(), AccountRecords.toRecords(resource, stored));
                }
            }
            Include include = new Include(content.included);
            store.recordWorklist(snapshot.id(), content.pages, include);
            store.complete(snapshot.id(), 0);
            store.describeImport(snapshot.id(), include, header.takenAt());
            return store.snapshot(snapshot.id());
        } catch (XMLStreamException e) {
            throw new BrokenArchiveException(archive, "malformed XML: " + firstLine(e.getMessage()), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the archive holds besides its pages' records, which go to the store as they are read. */
    private static final class Content {
        private final List<PageSummary> pages = new ArrayList<>();
        private final Set<Resource> included = EnumSet.noneOf(Resource.class);
        private final Sections account = new Sections();
    }

    /**
     * Reads the archive after its root's start tag through its last byte: each page's records, with
     * their hashes, go to {@code chunks} {@link #PAGES_AT_A_TIME} pages at a time, and the rest is returned.
     */
    private Content readContent(XMLStreamReader xml, InputStream in, Consumer<List<SnapshotStore.UnitRecords>> chunks)
            throws XMLStreamException, IOException {
        Content content = new Content();
        List<SnapshotStore.UnitRecords> unstored = new ArrayList<>();
        forEachChild(xml, section -> {
            switch (section) {
                case "pages" -> forEachChild(xml, element -> {
                    if (!element.equals("page")) {
                        skip(xml);
                        return;
                    }
                    ArchivedPage page = BackpackXmlReader.readArchivedPage(xml);
                    content.pages.add(page.page().summary());
                    if (page.emails() != null) {
                        content.included.add(Resource.EMAILS);
                    }
                    unstored.add(new SnapshotStore.UnitRecords(page.page().id(),
                            PageRecords.toRecords(page.page(), page.emails() == null ? List.of() : page.emails())));
                    if (unstored.size() == PAGES_AT_A_TIME) {
                        chunks.accept(List.copyOf(unstored));
                        unstored.clear();
                    }
                });
                case "users" -> content.account.users = BackpackXmlReader.readUsers(xml);
                case "reminders" -> content.account.reminders = BackpackXmlReader.readReminders(xml);
                case "journal-entries" -> content.account.journal = BackpackXmlReader.readJournalEntries(xml);
                case "statuses" -> content.account.statuses = BackpackXmlReader.readStatuses(xml);
                case "calendars" -> content.account.calendars = BackpackXmlReader.readCalendarsWithEvents(xml);
                case "bookmarks" -> content.account.bookmarks = BackpackXmlReader.readBookmarks(xml);
                default -> skip(xml);
            }
        });
        if (!unstored.isEmpty()) {
            chunks.accept(List.copyOf(unstored));
        }
        while (xml.next() != END_DOCUMENT) {
            // the epilog: the parser refuses anything but comments and whitespace
        }
        // the rest of a gzip stream holds its checksum, which only a read to the end verifies
        in.transferTo(OutputStream.nullOutputStream());
        checkUnique(content.pages);
        return content;
    }

    /** How the archive is read on the reader's thread: its chunks of page records to {@code chunks}, the rest returned. */
    @FunctionalInterface
    private interface ContentReader {
        Content read(Consumer<List<SnapshotStore.UnitRecords>> chunks) throws XMLStreamException, IOException;
    }

    /**
     * The archive read (parsed, made into records and hashed) on a thread of its own while the
     * store writes the chunks before: on two cores the two overlap. A few chunks wait at most, so
     * memory stays bounded; what fails in the reader is thrown again by {@link #next} as it was
     * thrown, and {@link #close} stops a reader the store has stopped taking from.
     */
    private static final class ReadAhead implements AutoCloseable {
        /** Chunks read and not yet taken, at most. */
        private static final int WAITING = 2;

        private final BlockingQueue<Object> handed = new ArrayBlockingQueue<>(WAITING);
        private final Thread reader;
        private volatile boolean stopped;
        private Content content;

        /** The last thing the reader hands over: what it read besides the chunks, or how it failed. */
        private record End(Content content, Throwable failure) {
        }

        /** Thrown in the reader to leave it once the store has stopped taking. */
        private static final class Stopped extends RuntimeException {
            private static final long serialVersionUID = 1L;

            Stopped() {
                super(null, null, false, false);
            }
        }

        ReadAhead(ContentReader work) {
            reader = new Thread(() -> run(work), "archive-reader");
            reader.setDaemon(true);
            reader.start();
        }

        private void run(ContentReader work) {
            End end;
            try {
                end = new End(work.read(this::hand), null);
            } catch (Stopped e) {
                return;
            } catch (Throwable e) {
                end = new End(null, e);
            }
            try {
                handed.put(end);
            } catch (InterruptedException e) {
                // stopped: nobody takes it
            }
        }

        private void hand(List<SnapshotStore.UnitRecords> chunk) {
            if (stopped) {
                throw new Stopped();
            }
            try {
                handed.put(chunk);
            } catch (InterruptedException e) {
                throw new Stopped();
            }
        }

        /** The next chunk of page records, or null once the archive is read; what failed in the reader is thrown here. */
        @SuppressWarnings("unchecked")
        List<SnapshotStore.UnitRecords> next() throws XMLStreamException, IOException {
            if (content != null) {
                return null;
            }
            Object next;
            try {
                next = handed.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while reading the archive");
            }
            if (!(next instanceof End end)) {
                return (List<SnapshotStore.UnitRecords>) next;
            }
            if (end.failure() instanceof XMLStreamException e) {
                throw e;
            } else if (end.failure() instanceof IOException e) {
                throw e;
            } else if (end.failure() instanceof RuntimeException e) {
                throw e;
            } else if (end.failure() instanceof Error e) {
                throw e;
            } else if (end.failure() != null) {
                throw new IllegalStateException(end.failure());
            }
            content = end.content();
            return null;
        }

        /** What the archive held besides its pages' records; once {@link #next} has returned null. */
        Content content() {
            return content;
        }

        /** Stops the reader if it is still reading, and waits for it: the archive's stream is then closed by no one else. */
        @Override
        public void close() {
            stopped = true;
            boolean interrupted = false;
            while (reader.isAlive()) {
                reader.interrupt();
                try {
                    reader.join(100);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
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
