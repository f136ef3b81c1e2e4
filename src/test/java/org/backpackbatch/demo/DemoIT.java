package org.backpackbatch.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import javax.xml.stream.XMLStreamReader;
import org.backpackbatch.api.xml.BackpackXmlReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo as a user runs it: {@code java -jar target/backpack-batch.jar demo}, a real process on
 * the packaged jar (an integration test: it runs after {@code package}, in {@code mvn verify}).
 */
class DemoIT {

    @TempDir
    Path dir;

    @Test
    void theDemoTellsTheWholeStoryAndLeavesItsFiles() throws Exception {
        Path out = dir.resolve("demo-out");
        Path stdout = dir.resolve("stdout.txt");
        Path stderr = dir.resolve("stderr.txt");
        Process demo = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", Path.of("target", "backpack-batch.jar").toAbsolutePath().toString(), "demo", "--dir", out.toString()))
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile())
                .start();
        assertThat(demo.waitFor(90, TimeUnit.SECONDS)).as("the demo ended; stderr: %s", read(stderr)).isTrue();

        String report = read(stdout);
        assertThat(demo.exitValue()).as("exit code; stdout: %s stderr: %s", report, read(stderr)).isZero();
        for (int step = 1; step <= 9; step++) {
            assertThat(report).contains("[" + step + "/9]");
        }
        assertThat(report).contains("snapshot 1 of", "snapshot 2 of", "records changed since the previous snapshot",
                "restored snapshot 2", "not restored:", "EQUAL:", "demo complete: the restored copy equals the source");
        assertThat(report).as("the whole account in the backup, the diff, the restore and the comparison")
                .contains("2 users, 3 reminders, 5 journal entries, 1 statuses, 2 calendars, 5 events, 2 bookmarks",
                        "\njournal_entry\n  added ", "\ncalendar_event\n  added ", "\nstatus\n  changed ",
                        "  journal_entries          4", "  reminders                4",
                        "calendars: calendar 'Family' (3 events): the target has no calendar of that name",
                        "the same upcoming reminders, own journal and status");
        assertThat(read(stderr)).as("progress is visible while it runs").contains("backup: 100%", "restore: ");
        assertThat(report + read(stderr)).doesNotContainPattern("[0-9a-f]{40}").doesNotContain("Exception");

        assertThat(out.resolve("store.db")).exists();
        try (Connection store = DriverManager.getConnection("jdbc:sqlite:" + out.resolve("store.db"));
             Statement query = store.createStatement();
             ResultSet complete = query.executeQuery("SELECT count(*) FROM snapshots WHERE finished_at IS NOT NULL")) {
            assertThat(complete.getLong(1)).isEqualTo(3);
        }
        try (Connection export = DriverManager.getConnection("jdbc:sqlite:" + out.resolve("source.sqlite"));
             Statement query = export.createStatement();
             ResultSet pages = query.executeQuery("SELECT count(*) FROM pages")) {
            assertThat(pages.getLong(1)).isEqualTo(10);
        }
        try (GZIPInputStream archive = new GZIPInputStream(Files.newInputStream(out.resolve("source.xml.gz")))) {
            XMLStreamReader xml = BackpackXmlReader.openStream(archive);
            int pages = 0;
            while (xml.hasNext()) {
                if (xml.next() == XMLStreamReader.START_ELEMENT && xml.getLocalName().equals("page")) {
                    assertThat(BackpackXmlReader.readPage(xml).title()).isNotNull();
                    pages++;
                }
            }
            assertThat(pages).isEqualTo(10);
        }
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }
}
