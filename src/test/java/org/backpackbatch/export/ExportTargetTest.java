package org.backpackbatch.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.backpackbatch.export.BackedUpStore.bytes;
import static org.backpackbatch.export.BackedUpStore.run;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.backpackbatch.backup.BackupCli;
import org.backpackbatch.store.SpecialFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Where an export may go: never over its own store however --out names it, never into anything
 * but a regular file, over an existing file only with --force; and what it writes is private.
 */
class ExportTargetTest {

    @TempDir
    static Path dir;

    private static Path store;

    @BeforeAll
    static void backUp() throws Exception {
        store = dir.resolve("store.db");
        BackedUpStore.create(store, 20);
        Files.createDirectory(dir.resolve("sub"));
    }

    static Stream<Arguments> namesOfTheStore() {
        List<Arguments> names = new ArrayList<>();
        for (String format : new String[] {"sqlite", "xml"}) {
            for (String name : new String[] {"store.db", "sub/../store.db", "symlink", "hardlink", "store.db-wal", "store.db-shm",
                    "store.db-journal", "store.db.lock", "sub/../store.db-wal"}) {
                names.add(Arguments.of(format, name));
            }
        }
        return names.stream();
    }

    @ParameterizedTest(name = "{0} to {1}")
    @MethodSource("namesOfTheStore")
    void anExportNeverWritesOverItsOwnStoreEvenWithForce(String format, String name) throws Exception {
        Path out = switch (name) {
            case "symlink" -> Files.createSymbolicLink(dir.resolve("link-" + format + ".db"), store);
            case "hardlink" -> Files.createLink(dir.resolve("hard-" + format + ".db"), store);
            default -> Path.of(dir + "/" + name);
        };
        byte[] before = bytes(store);
        BackupCli.Run run = BackupCli.inProcess("export", "--db", store.toString(), "--format", format, "--out", out.toString(), "--force");
        if (name.endsWith("link")) {
            Files.delete(out);
        }

        assertRefused(run, "cannot write " + out + ": it is the store being exported (");
        assertThat(bytes(store)).as("the store's bytes").isEqualTo(before);
        assertThat(run("snapshots", "--db", store.toString()).out().lines()).as("a header and its snapshot").hasSize(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"folder", "fifo", "socket", "device", "stdout"})
    void anExportIsWrittenOnlyToARegularFile(String kind) {
        Path out = SpecialFiles.make(kind, dir.resolve("a-" + kind));

        BackupCli.Run run = BackupCli.inProcess("export", "--db", store.toString(), "--format", "xml", "--out", out.toString(), "--force");

        assertRefused(run, "cannot write " + out + ": it is " + SpecialFiles.described(kind));
        assertThat(run.errorLines().get(0)).endsWith(", not a regular file");
        assertThat(Files.isRegularFile(out)).as("still what it was").isFalse();
        assertThat(Files.exists(out, LinkOption.NOFOLLOW_LINKS)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "xml"})
    void anExistingFileIsReplacedOnlyWithForceAndEveryExportIsPrivate(String format) throws Exception {
        Path out = dir.resolve("export-" + format);
        run("export", "--db", store.toString(), "--format", format, "--out", out.toString());
        assertThat(SpecialFiles.modeOf(out)).isEqualTo("rw-------");
        byte[] export = bytes(out);
        Files.writeString(out, "my own file");

        BackupCli.Run refused = BackupCli.inProcess("export", "--db", store.toString(), "--format", format, "--out", out.toString());
        assertRefused(refused, out + " exists; give --force to replace it");
        assertThat(out).hasContent("my own file");

        run("export", "--db", store.toString(), "--format", format, "--out", out.toString(), "--force");
        assertThat(bytes(out)).isEqualTo(export);
        assertThat(SpecialFiles.modeOf(out)).isEqualTo("rw-------");
    }

    @Test
    void anSqliteExportWhoseNameHoldsAQuestionMarkIsThatFile() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("which?"));
        Path out = folder.resolve("export?.sqlite");

        run("export", "--db", store.toString(), "--format", "sqlite", "--out", out.toString());

        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files).containsExactly(out);
        }
        assertThat(new String(bytes(out), 0, 15, StandardCharsets.US_ASCII)).isEqualTo("SQLite format 3");
    }

    private static void assertRefused(BackupCli.Run run, String message) {
        assertThat(run.exitCode()).as("exit code; stderr: %s", run.err()).isEqualTo(2);
        assertThat(run.errorLines()).singleElement().asString().startsWith("error: " + message);
        assertThat(run.err().lines()).as("the error line alone").hasSize(1);
        assertThat(run.out()).isEmpty();
    }
}
