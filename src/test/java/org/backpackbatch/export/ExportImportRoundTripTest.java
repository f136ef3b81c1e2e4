package org.backpackbatch.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.backpackbatch.export.BackedUpStore.bytes;
import static org.backpackbatch.export.BackedUpStore.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.backpackbatch.backup.BackupCli;
import org.backpackbatch.store.AccountRecords.StoredAccount;
import org.backpackbatch.store.Difference;
import org.backpackbatch.store.Include;
import org.backpackbatch.store.Snapshot;
import org.backpackbatch.store.Dialect;
import org.backpackbatch.store.Store;
import org.backpackbatch.store.TestStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exports are the same bytes every time, and an archive read back is the snapshot it was written from. */
class ExportImportRoundTripTest {

    @TempDir
    static Path dir;

    private static Path store;
    private static Snapshot original;

    @BeforeAll
    static void backUp() throws Exception {
        store = dir.resolve("store.db");
        original = BackedUpStore.create(store, BackedUpStore.PAGES);
    }

    @Test
    void theSameSnapshotExportsToTheSameBytes() throws Exception {
        for (String name : List.of("a.xml", "a.xml.gz", "a.sqlite")) {
            String format = name.endsWith(".sqlite") ? "sqlite" : "xml";
            Path first = dir.resolve("first-" + name);
            Path second = dir.resolve("second-" + name);
            run("export", "--db", store.toString(), "--format", format, "--out", first.toString());
            run("export", "--db", store.toString(), "--snapshot", Long.toString(original.id()), "--format", format, "--out", second.toString());
            assertThat(bytes(second)).as(name).isEqualTo(bytes(first));
            assertThat(bytes(first).length).as(name).isGreaterThan(10_000);
        }
        assertThat(bytes(dir.resolve("first-a.xml.gz"))).startsWith(0x1f, 0x8b);
        try (var files = Files.list(dir)) {
            assertThat(files.map(Path::toString)).as("no temporary files left").noneMatch(name -> name.endsWith(".part"));
        }
    }

    /** Read back into either kind of store, an archive exports to the same bytes again; both stores export the same SQLite file. */
    @Test
    void exportImportExportGivesIdenticalFiles() {
        for (String name : List.of("round.xml", "round.xml.gz")) {
            Path archive = dir.resolve(name);
            run("export", "--db", store.toString(), "--format", "xml", "--out", archive.toString());
            Map<Dialect, byte[]> sqliteExports = new EnumMap<>(Dialect.class);
            for (Dialect dialect : Dialect.values()) {
                TestStore fresh = TestStore.create(dialect, dir, "fresh-" + dialect + "-" + name + ".db");
                BackupCli.Run imported = run("import", "--db", fresh.db(), "--xml", archive.toString());
                assertThat(imported.out()).contains("snapshot 1 of " + original.account() + " imported from " + archive)
                        .contains("  " + BackedUpStore.PAGES + " pages,");
                Path again = dir.resolve("again-" + dialect + "-" + name);
                run("export", "--db", fresh.db(), "--format", "xml", "--out", again.toString());
                assertThat(bytes(again)).as("%s read back into %s", name, dialect).isEqualTo(bytes(archive));
                Path asSqlite = dir.resolve("again-" + dialect + "-" + name + ".sqlite");
                run("export", "--db", fresh.db(), "--format", "sqlite", "--out", asSqlite.toString());
                sqliteExports.put(dialect, bytes(asSqlite));

                try (Store session = fresh.open(Store.Access.READ)) {
                    Snapshot snapshot = session.snapshots().snapshot(1);
                    assertThat(snapshot.origin()).isEqualTo(Snapshot.Origin.IMPORT);
                    assertThat(snapshot.include()).isEqualTo(original.include());
                    assertThat(snapshot.startedAt()).isEqualTo(original.startedAt());
                    assertThat(snapshot.counts()).isEqualTo(original.counts());
                    assertThat(snapshot.include()).isEqualTo(Include.ALL);
                    assertThat(session.snapshots().account(1)).isEqualTo(originalAccount());
                }
            }
            assertThat(sqliteExports.get(Dialect.POSTGRESQL)).as("the SQLite export of either store").isEqualTo(sqliteExports.get(Dialect.SQLITE));
        }
    }

    private static StoredAccount originalAccount() {
        try (Store session = Store.open(store, Store.Access.READ)) {
            return session.snapshots().account(original.id());
        }
    }

    @Test
    void aSnapshotImportedFromAnArchiveDiffsEmptyAgainstItsSource() throws Exception {
        Path copy = dir.resolve("diff-store.db");
        BackedUpStore.create(copy, BackedUpStore.PAGES);
        Path archive = dir.resolve("diff.xml.gz");
        run("export", "--db", copy.toString(), "--format", "xml", "--out", archive.toString());
        run("import", "--db", copy.toString(), "--xml", archive.toString());
        try (Store session = Store.open(copy, Store.Access.READ)) {
            List<Snapshot> snapshots = session.snapshots().snapshots(null);
            assertThat(snapshots).hasSize(2);
            Snapshot source = snapshots.get(0);
            Snapshot imported = snapshots.get(1);
            assertThat(imported.complete()).isTrue();
            assertThat(imported.parentId()).isEqualTo(source.id());
            assertThat(imported.changes()).isEqualTo(new Snapshot.Changes(0, 0, 0));
            List<Difference> differences = new ArrayList<>();
            session.snapshots().differences(source.id(), imported.id(), differences::add);
            assertThat(differences).isEmpty();
            assertThat(BackedUpStore.pages(session.snapshots(), imported.id()))
                    .isEqualTo(BackedUpStore.pages(session.snapshots(), source.id()));
        }
        BackupCli.Run diff = run("diff", "--db", copy.toString());
        assertThat(diff.out()).startsWith("snapshot 1 -> 2 of ").contains("0 added, 0 changed, 0 removed");
    }
}
