package org.backpackbatch.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.backpackbatch.store.PageRecords;
import org.backpackbatch.store.PageRecords.StoredPage;
import org.backpackbatch.store.RecordVersion;
import org.backpackbatch.store.SnapshotStore;
import org.backpackbatch.store.RunState;
import org.backpackbatch.store.Store;
import org.backpackbatch.store.TestStore;

/** What a snapshot holds, read back through the store's own API, and checks on the store file itself. */
final class SnapshotContents {

    private SnapshotContents() {
    }

    static List<RecordVersion> records(SnapshotStore store, long snapshotId) {
        List<RecordVersion> records = new ArrayList<>();
        store.records(snapshotId, records::add);
        return records;
    }

    /** The snapshot's pages, each rebuilt from its records (the account's own resources, on no page, left out). */
    static Map<Long, StoredPage> pages(SnapshotStore store, long snapshotId) {
        Map<Long, List<RecordVersion>> byPage = new TreeMap<>();
        store.records(snapshotId, record -> {
            if (record.pageId() >= 0) {
                byPage.computeIfAbsent(record.pageId(), id -> new ArrayList<>()).add(record);
            }
        });
        Map<Long, StoredPage> pages = new TreeMap<>();
        byPage.forEach((pageId, records) -> pages.put(pageId, PageRecords.fromRecords(records)));
        return pages;
    }

    /** One answer of a query on the store through a plain connection of its own, outside any session. */
    static String query(Path store, String sql) {
        return TestStore.file(store).query(sql);
    }

    /** Where a snapshot is, as the store tells it (complete, or its backup job's last execution). */
    static RunState state(Path store, long snapshot) {
        return state(TestStore.file(store), snapshot);
    }

    static RunState state(TestStore store, long snapshot) {
        try (Store opened = store.open(Store.Access.READ)) {
            return opened.snapshots().snapshot(snapshot).state();
        }
    }

    static String integrityCheck(Path store) {
        return query(store, "PRAGMA integrity_check");
    }

    /** The store's files (the database, its WAL and shared memory, the lock file) as they are on disk. */
    static List<Path> files(Path store) {
        List<Path> files = new ArrayList<>();
        for (String suffix : List.of("", "-wal", "-shm", ".lock")) {
            Path file = store.resolveSibling(store.getFileName() + suffix);
            if (Files.exists(file)) {
                files.add(file);
            }
        }
        return files;
    }

    /** True when any of the store's files holds the text, byte for byte. */
    static boolean filesContain(Path store, String text) {
        return files(store).stream().anyMatch(file -> read(file).contains(text));
    }

    private static String read(Path file) {
        try {
            return new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
