package org.backpackbatch.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The one policy for every file the product writes, on real files, links, pipes, sockets and devices (of the test's own). */
class OutputFileTest {

    @TempDir
    Path dir;

    @Test
    void writesAPrivateFileWholeAndLeavesNothingElse() throws Exception {
        Path target = dir.resolve("export.xml");

        OutputFile.at(target).write(temporary -> Files.writeString(temporary, "the content"));

        assertThat(target).hasContent("the content");
        assertThat(SpecialFiles.modeOf(target)).isEqualTo("rw-------");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void createsAnEmptyPrivateFile() throws Exception {
        Path target = dir.resolve("new.db");

        OutputFile.at(target).create();

        assertThat(target).isEmptyFile();
        assertThat(SpecialFiles.modeOf(target)).isEqualTo("rw-------");
    }

    @Test
    void replacesAnExistingFileOnlyWhenTold() throws Exception {
        Path target = Files.writeString(dir.resolve("export.xml"), "last week's");

        assertThatThrownBy(() -> OutputFile.at(target).write(temporary -> Files.writeString(temporary, "this week's")))
                .isInstanceOf(OutputFile.Refused.class).hasMessage(target + " exists; give --force to replace it");
        assertThat(target).hasContent("last week's");

        OutputFile.at(target).replacing(true).write(temporary -> Files.writeString(temporary, "this week's"));
        assertThat(target).hasContent("this week's");
        assertThat(SpecialFiles.modeOf(target)).isEqualTo("rw-------");
    }

    @Test
    void aFileThatAppearsWhileWritingIsNotReplacedUnlessTold() {
        Path target = dir.resolve("export.xml");

        assertThatThrownBy(() -> OutputFile.at(target).write(temporary -> {
            Files.writeString(temporary, "the export");
            Files.writeString(target, "someone else's, written meanwhile");
        })).isInstanceOf(OutputFile.Refused.class).hasMessageContaining("exists; give --force");

        assertThat(target).hasContent("someone else's, written meanwhile");
    }

    @Test
    void writesThroughASymbolicLinkToTheFileItNamesAndKeepsTheLink() throws Exception {
        Path file = Files.writeString(dir.resolve("real.xml"), "old");
        Path link = Files.createSymbolicLink(dir.resolve("link.xml"), file.getFileName());

        OutputFile.at(link).replacing(true).write(temporary -> Files.writeString(temporary, "new"));

        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(file).hasContent("new");
    }

    @Test
    void aMissingFolderIsNamed() {
        Path target = dir.resolve("no/such/dir/x.db");

        for (Runnable write : writers(OutputFile.at(target))) {
            assertThatThrownBy(write::run).isInstanceOf(OutputFile.Refused.class)
                    .hasMessage("cannot write " + target + ": its folder " + dir.resolve("no/such/dir") + " does not exist");
        }
        assertThat(dir.resolve("no")).doesNotExist();
    }

    @Test
    void aLinkToNothingIsRefusedAndNothingIsCreatedWhereItPoints() throws Exception {
        Path link = Files.createSymbolicLink(dir.resolve("dangling.db"), dir.resolve("nowhere.db"));

        for (Runnable write : writers(OutputFile.at(link).replacing(true))) {
            assertThatThrownBy(write::run).isInstanceOf(OutputFile.Refused.class).hasMessageContaining("a symbolic link to a missing file");
        }
        assertThat(dir.resolve("nowhere.db")).doesNotExist();
    }

    @ParameterizedTest
    @ValueSource(strings = {"folder", "fifo", "socket", "device", "stdout"})
    void onlyARegularFileOrNothingIsWritten(String kind) {
        Path target = SpecialFiles.make(kind, dir.resolve("a-" + kind));

        for (Runnable write : writers(OutputFile.at(target).replacing(true))) {
            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThatThrownBy(write::run).isInstanceOf(OutputFile.Refused.class)
                    .hasMessageStartingWith("cannot write " + target + ": it is " + SpecialFiles.described(kind))
                    .hasMessageEndingWith(", not a regular file"));
        }
        assertThat(Files.isRegularFile(target)).as("still what it was").isFalse();
        assertThat(Files.exists(target, LinkOption.NOFOLLOW_LINKS)).isTrue();
    }

    /** Each spelling of a spared file, existing or not yet: the same path, {@code ..}, a symbolic link, a hard link. */
    @ParameterizedTest
    @ValueSource(strings = {"same", "dot-dot", "symlink", "hardlink", "missing-companion-via-dot-dot"})
    void neverWritesASparedFileHoweverItIsNamed(String spelling) throws Exception {
        Path store = Files.writeString(dir.resolve("store.db"), "the store");
        Files.createDirectory(dir.resolve("sub"));
        List<Path> spared = List.of(store, dir.resolve("store.db-wal"));
        Path target = switch (spelling) {
            case "same" -> store;
            case "dot-dot" -> Path.of(dir + "/sub/../store.db");
            case "symlink" -> Files.createSymbolicLink(dir.resolve("link.db"), store);
            case "hardlink" -> Files.createLink(dir.resolve("other-name.db"), store);
            default -> Path.of(dir + "/sub/../store.db-wal");
        };

        OutputFile output = OutputFile.at(target).replacing(true).sparing("the store being exported", spared);
        for (Runnable write : writers(output)) {
            assertThatThrownBy(write::run).isInstanceOf(OutputFile.Refused.class)
                    .hasMessageStartingWith("cannot write " + target + ": it is the store being exported (");
        }
        assertThat(store).hasContent("the store");
        assertThat(dir.resolve("store.db-wal")).doesNotExist();
    }

    @Test
    void aFileThatOnlyLooksLikeASparedOneIsWritten() throws Exception {
        Path store = Files.writeString(dir.resolve("store.db"), "the store");
        Path copy = Files.writeString(dir.resolve("copy.db"), "the store");

        OutputFile.at(copy).replacing(true).sparing("the store being exported", List.of(store))
                .write(temporary -> Files.writeString(temporary, "an export"));

        assertThat(copy).hasContent("an export");
        assertThat(store).hasContent("the store");
    }

    private static List<Runnable> writers(OutputFile output) {
        return List.of(() -> output.write(temporary -> Files.writeString(temporary, "must not land")), output::create,
                () -> output.openInPlace());
    }
}
