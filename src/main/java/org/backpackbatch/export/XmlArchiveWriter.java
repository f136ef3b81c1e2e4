package org.backpackbatch.export;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.backpackbatch.api.xml.BackpackXmlWriter;
import org.backpackbatch.store.AccountRecords.StoredAccount;
import org.backpackbatch.store.OutputFile;
import org.backpackbatch.store.Resource;
import org.backpackbatch.store.Snapshot;
import org.backpackbatch.store.SnapshotStore;

/**
 * Writes one snapshot as an XML archive, page by page as the store streams them, through the same
 * XML writer the client and the emulator use. Each {@code <page>} holds the API's full-page
 * children; a snapshot that included emails adds the page's {@code <emails>} after them. After the
 * pages come the sections of the account's own resources the snapshot included, each on a line, in
 * the API's element names and shapes: users (the token's own named by {@code me}), reminders,
 * journal entries, statuses, calendars with their events inside, bookmarks. The output holds
 * nothing but the snapshot (no export time), so one snapshot always gives the same bytes; a name
 * ending in {@code .gz} is gzip (compressed on a thread of its own), whose header java writes
 * without a time either.
 */
public final class XmlArchiveWriter {

    public static final String ROOT = "backpack-archive";
    public static final String VERSION = "1";

    private XmlArchiveWriter() {
    }

    /** Writes the archive to {@code target} and returns how many pages it holds. */
    public static long write(SnapshotStore store, Snapshot snapshot, OutputFile target) {
        long[] pages = new long[1];
        target.write(temporary -> {
            try (BackpackXmlWriter xml = BackpackXmlWriter.to(open(temporary, isGzip(target.path())))) {
                pages[0] = write(store, snapshot, xml);
            }
        });
        return pages[0];
    }

    public static boolean isGzip(Path file) {
        return file.getFileName().toString().endsWith(".gz");
    }

    private static OutputStream open(Path file, boolean gzip) throws java.io.IOException {
        OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        return gzip ? new GzipOnAThread(out) : out;
    }

    private static long write(SnapshotStore store, Snapshot snapshot, BackpackXmlWriter xml) {
        boolean withEmails = snapshot.include().includes(Resource.EMAILS);
        long[] pages = new long[1];
        xml.declaration()
                .start(ROOT).attr("version", VERSION).attr("account", snapshot.account()).attr("snapshot", snapshot.id())
                .attr("taken_at", snapshot.startedAt())
                .raw("\n  ").start("pages").raw("\n");
        store.pages(snapshot.id(), stored -> {
            xml.raw("    ").openPage(stored.page());
            if (withEmails) {
                xml.emails(stored.emails());
            }
            xml.end().raw("\n");
            pages[0]++;
        });
        xml.raw("  ").end().raw("\n");
        StoredAccount account = store.account(snapshot.id());
        for (Resource resource : Resource.ofAccount()) {
            if (account.holds(resource)) {
                xml.raw("  ");
                switch (resource) {
                    case USERS -> xml.users(account.users());
                    case REMINDERS -> xml.reminders(account.reminders());
                    case JOURNAL -> xml.journalEntries(account.journal());
                    case STATUSES -> xml.statuses(account.statuses());
                    case CALENDARS -> xml.calendarsWithEvents(account.calendars());
                    case BOOKMARKS -> xml.bookmarks(account.bookmarks());
                    case EMAILS -> throw new IllegalStateException("emails are on their pages");
                }
                xml.raw("\n");
            }
        }
        xml.end().raw("\n");
        return pages[0];
    }
}
