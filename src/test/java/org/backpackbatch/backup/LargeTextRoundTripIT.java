package org.backpackbatch.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.backpackbatch.api.model.Note;
import org.backpackbatch.api.model.Page;
import org.backpackbatch.api.model.PageSummary;
import org.backpackbatch.emulator.AccountSpec;
import org.backpackbatch.emulator.BackpackEmulator;
import org.backpackbatch.emulator.EmulatorConfig;
import org.backpackbatch.store.PageRecords.StoredPage;
import org.backpackbatch.store.Snapshot;
import org.backpackbatch.store.Store;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * An account holding a 10 MB note under titles of 100 KB, the kind of account whose every backup
 * used to fail: the texts come through a backup in a 160 MB heap, both exports, an import and a
 * restore into an empty account byte for byte.
 */
class LargeTextRoundTripIT {

    private static final int NOTE_CHARS = 10 * 1024 * 1024;
    private static final int TITLE_CHARS = 100 * 1024;
    /** What a real note holds, XML specials, accents, CJK and emoji (two chars each) among them. */
    private static final String[] FRAGMENTS = {"lorem ", "ipsum ", "dolor\n", "<b>&amp;</b> ", "'q' \"qq\" ", "café ",
        "日本語 ", "😀 ", "a > b ", "x&y "};

    @Test
    void aTenMegabyteNoteAndLongTitlesSurviveBackupExportImportAndRestore(@TempDir Path dir) throws Exception {
        Texts source = new Texts(text(TITLE_CHARS, 1), text(TITLE_CHARS, 2), text(NOTE_CHARS, 3));
        try (BackpackEmulator emulator = BackpackEmulator.start(EmulatorConfig.defaults()
                .withAccounts(List.of(new AccountSpec("src", "empty"), new AccountSpec("dst", "empty"))).withRateLimit(null))) {
            BackpackEmulator.HostedAccount from = emulator.account("src");
            long pageId = from.data().createPage(source.pageTitle()).id();
            from.data().createNote(pageId, source.noteTitle(), source.noteBody());

            Path store = dir.resolve("store.db");
            try (BackupCli.Forked backup = BackupCli.fork(dir, List.of("-Xmx160m"), "backup", "--account", from.baseUrl(),
                    "--token-file", token(dir, from).toString(), "--db", store.toString(), "--progress", "none")) {
                BackupCli.Run run = backup.await(Duration.ofMinutes(3));
                assertThat(run.exitCode()).as("backup in a 160 MB heap; stderr: %s", run.err()).isZero();
            }
            assertSame("the snapshot", storedTexts(store), source);

            Path sqlite = dir.resolve("export.sqlite");
            succeeds("export", "--db", store.toString(), "--format", "sqlite", "--out", sqlite.toString());
            assertSame("the SQLite export", sqliteTexts(sqlite), source);

            Path archive = dir.resolve("export.xml.gz");
            succeeds("export", "--db", store.toString(), "--format", "xml", "--out", archive.toString());
            assertSame("the XML archive", archiveTexts(archive), source);

            Path imported = dir.resolve("imported.db");
            succeeds("import", "--db", imported.toString(), "--xml", archive.toString());
            assertSame("the imported snapshot", storedTexts(imported), source);

            BackpackEmulator.HostedAccount to = emulator.account("dst");
            succeeds("restore", "--db", imported.toString(), "--account", to.baseUrl(), "--target-token-file", token(dir, to).toString());
            List<PageSummary> restored = to.data().allPages();
            assertThat(restored).hasSize(1);
            Page page = to.data().page(restored.get(0).id());
            assertThat(page.notes()).hasSize(1);
            assertSame("the restored account", new Texts(page.title(), page.notes().get(0).title(), page.notes().get(0).body()), source);
        }
    }

    /** The three texts of the account's one page. */
    private record Texts(String pageTitle, String noteTitle, String noteBody) {
    }

    /** Compares the UTF-8 bytes and names the first difference, never printing megabytes. */
    private static void assertSame(String where, Texts actual, Texts expected) {
        assertSameText(where + ": page title", actual.pageTitle(), expected.pageTitle());
        assertSameText(where + ": note title", actual.noteTitle(), expected.noteTitle());
        assertSameText(where + ": note body", actual.noteBody(), expected.noteBody());
    }

    private static void assertSameText(String what, String actual, String expected) {
        byte[] actualBytes = actual.getBytes(StandardCharsets.UTF_8);
        byte[] expectedBytes = expected.getBytes(StandardCharsets.UTF_8);
        assertThat(Arrays.mismatch(actualBytes, expectedBytes))
                .as("%s: first differing byte (-1: none) of %d bytes, expected %d", what, actualBytes.length, expectedBytes.length)
                .isEqualTo(-1);
    }

    /** {@code chars} characters of mixed text, the same for the same seed. */
    private static String text(int chars, long seed) {
        Random random = new Random(seed);
        StringBuilder text = new StringBuilder(chars + 16);
        while (text.length() < chars) {
            text.append(FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
        }
        text.setLength(chars);
        if (Character.isHighSurrogate(text.charAt(chars - 1))) {
            text.setCharAt(chars - 1, '.');
        }
        return text.toString();
    }

    private static Texts storedTexts(Path store) {
        try (Store session = Store.open(store, Store.Access.READ)) {
            List<Snapshot> snapshots = session.snapshots().snapshots(null);
            assertThat(snapshots).hasSize(1).allSatisfy(snapshot -> assertThat(snapshot.complete()).isTrue());
            List<StoredPage> pages = new ArrayList<>();
            session.snapshots().pages(snapshots.get(0).id(), pages::add);
            assertThat(pages).hasSize(1);
            Page page = pages.get(0).page();
            assertThat(page.notes()).hasSize(1);
            Note note = page.notes().get(0);
            return new Texts(page.title(), note.title(), note.body());
        }
    }

    private static Texts sqliteTexts(Path file) throws Exception {
        try (Connection sqlite = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement query = sqlite.createStatement();
             ResultSet rows = query.executeQuery("SELECT p.title, n.title, n.body FROM pages p JOIN notes n ON n.page_id = p.id")) {
            assertThat(rows.next()).as("a note in the export").isTrue();
            Texts texts = new Texts(rows.getString(1), rows.getString(2), rows.getString(3));
            assertThat(rows.next()).as("a second note in the export").isFalse();
            return texts;
        }
    }

    /** Read with the JDK's own XML parser, not the project's reader, as any tool would read it. */
    private static Texts archiveTexts(Path file) throws Exception {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            Document archive = DocumentBuilderFactory.newDefaultInstance().newDocumentBuilder().parse(in);
            assertThat(archive.getElementsByTagName("page").getLength()).isEqualTo(1);
            assertThat(archive.getElementsByTagName("note").getLength()).isEqualTo(1);
            Element page = (Element) archive.getElementsByTagName("page").item(0);
            Element note = (Element) archive.getElementsByTagName("note").item(0);
            return new Texts(page.getAttribute("title"), note.getAttribute("title"), note.getTextContent());
        }
    }

    private static void succeeds(String... args) {
        BackupCli.Run run = BackupCli.inProcess(args);
        assertThat(run.exitCode()).as("exit code of %s; stderr: %s", List.of(args), run.err()).isZero();
    }

    private static Path token(Path dir, BackpackEmulator.HostedAccount account) throws java.io.IOException {
        return Files.writeString(dir.resolve(account.name() + ".token"), account.token() + "\n");
    }
}
