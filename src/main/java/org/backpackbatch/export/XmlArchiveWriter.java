package org.backpackbatch.export;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.backpackbatch.api.xml.BackpackXmlWriter;
import org.backpackbatch.store.Include;
import org.backpackbatch.store.OutputFile;
import org.backpackbatch.store.Snapshot;
import org.backpackbatch.store.SnapshotStore;

/**
 * Writes one snapshot as an XML archive, page by page as the store streams them, through the same
 * XML writer the client and the emulator use. Each {@code <page>} holds the API's full-page
 * children; a full ({@code --include all}) snapshot adds the page's {@code <emails>} after them. The
 * output holds nothing but the snapshot (no export time), so one snapshot always gives the same bytes;
 * a name ending in {@code .gz} is gzip, whose header java writes without a time either.
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
        return gzip ? new GZIPOutputStream(out, 1 << 16) : out;
    }

    private static long write(SnapshotStore store, Snapshot snapshot, BackpackXmlWriter xml) {
        boolean withEmails = snapshot.include().includes(org.backpackbatch.store.Resource.EMAILS);
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
        xml.raw("  ").end().raw("\n").end().raw("\n");
        return pages[0];
    }
}
