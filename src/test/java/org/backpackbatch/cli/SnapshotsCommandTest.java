package org.backpackbatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.backpackbatch.emulator.AccountSpec;
import org.backpackbatch.store.Snapshot;
import org.backpackbatch.store.Store;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.backpackbatch.store.Include;

/** {@code snapshots}: one line or JSON object per snapshot, of every account or of one. */
class SnapshotsCommandTest {

    @TempDir
    static Path dir;

    private static BackedUpAccounts accounts;
    private static Path store;
    private static Snapshot first;
    private static Snapshot other;
    private static Snapshot second;
    private static Snapshot running;

    @BeforeAll
    static void backUpTwoAccounts() throws Exception {
        store = dir.resolve("store.db");
        accounts = new BackedUpAccounts(store, new AccountSpec("acme", null), new AccountSpec("other", "empty"));
        first = accounts.backup("acme");
        other = accounts.backup("other");
        long page = accounts.client("acme").pages().get(0).id();
        accounts.client("acme").createNote(page, "New", "a note added between the backups");
        second = accounts.backup("acme");
        running = accounts.store().begin(accounts.url("other"), Include.ALL, Snapshot.Origin.BACKUP);
    }

    @AfterAll
    static void stop() {
        accounts.close();
    }

    @Test
    void printsOneLinePerSnapshotWithItsStatusCountsAndChanges() {
        CommandRun run = CommandRun.run("snapshots", "--db", store.toString()).succeeds();

        List<String> lines = run.outLines();
        assertThat(lines).hasSize(5);
        assertThat(lines.get(0).split(" +")).containsExactly("ID", "STATUS", "STARTED", "FINISHED", "PAGES", "NOTES", "LISTS", "ITEMS",
                "TAGS", "SEPS", "EMAILS", "USERS", "REMIND", "JOURNAL", "STATUS", "CALS", "EVENTS", "BOOKM", "ADDED", "CHANGED", "REMOVED",
                "SUSPECT", "ACCOUNT");
        Snapshot.Counts counts = second.counts();
        // added: the note created between the backups and its belonging
        assertThat(lines.get(3).strip().split(" +")).containsExactly(Long.toString(second.id()), "complete", second.startedAt(),
                second.finishedAt(), Long.toString(counts.pages()), Long.toString(counts.notes()), Long.toString(counts.lists()),
                Long.toString(counts.items()), Long.toString(counts.tags()), Long.toString(counts.separators()),
                Long.toString(counts.emails()), Long.toString(counts.users()), Long.toString(counts.reminders()),
                Long.toString(counts.journalEntries()), Long.toString(counts.statuses()), Long.toString(counts.calendars()),
                Long.toString(counts.calendarEvents()), Long.toString(counts.bookmarks()), "2", "0", "0", "-", accounts.url("acme"));
        assertThat(counts.users()).as("the demo account's users, counted").isEqualTo(2);
        assertThat(counts.calendarEvents()).isPositive();
        assertThat(lines.get(4).strip().split(" +")).startsWith(Long.toString(running.id()), "failed", running.startedAt(), "-")
                .endsWith(accounts.url("other"));
        assertThat(lines).extracting(line -> line.strip().split(" +")[0])
                .containsExactly("ID", Long.toString(first.id()), Long.toString(other.id()), Long.toString(second.id()), Long.toString(running.id()));
    }

    @Test
    void writesOneJsonObjectPerSnapshotForScripts() throws Exception {
        CommandRun run = CommandRun.run("snapshots", "--db", store.toString(), "--json").succeeds();

        ObjectMapper json = new ObjectMapper();
        List<JsonNode> lines = run.outLines().stream().map(line -> {
            try {
                return json.readTree(line);
            } catch (Exception e) {
                throw new AssertionError("not JSON: " + line, e);
            }
        }).toList();
        assertThat(lines).extracting(line -> line.get("id").asLong()).containsExactly(first.id(), other.id(), second.id(), running.id());
        JsonNode secondLine = lines.get(2);
        assertThat(secondLine.get("account").asText()).isEqualTo(accounts.url("acme"));
        assertThat(secondLine.get("parent").asLong()).isEqualTo(first.id());
        assertThat(secondLine.get("status").asText()).isEqualTo("complete");
        assertThat(secondLine.get("started").asText()).isEqualTo(second.startedAt());
        assertThat(secondLine.get("counts").get("notes").asLong()).isEqualTo(second.counts().notes()).isEqualTo(first.counts().notes() + 1);
        assertThat(secondLine.get("counts").get("journal_entries").asLong()).isEqualTo(second.counts().journalEntries()).isPositive();
        assertThat(secondLine.get("counts").get("calendar_events").asLong()).isEqualTo(second.counts().calendarEvents());
        assertThat(secondLine.get("include").asText()).isEqualTo("all");
        // the note and its belonging
        assertThat(secondLine.get("changes").get("added").asLong()).isEqualTo(2);
        assertThat(secondLine.get("suspect").isBoolean()).isTrue();
        assertThat(secondLine.get("suspect").asBoolean()).isFalse();
        assertThat(secondLine.get("vanished").asLong()).isZero();
        assertThat(lines.get(3).get("finished").isNull()).isTrue();
        assertThat(lines.get(0).get("parent").isNull()).isTrue();
    }

    @Test
    void showsOnlyTheSnapshotsOfOneAccount() {
        CommandRun run = CommandRun.run("snapshots", "--db", store.toString(), "--account", accounts.url("other") + "/", "--json").succeeds();

        assertThat(run.outLines()).hasSize(2).allSatisfy(line -> assertThat(line).contains("\"account\":\"" + accounts.url("other") + "\""));
        assertThat(CommandRun.run("snapshots", "--db", store.toString(), "--account", "http://elsewhere.example").succeeds().outLines())
                .containsExactly("no snapshots of http://elsewhere.example in " + store);
    }

    @Test
    void aMissingStoreOrABadAccountIsAUsageError(@TempDir Path empty) {
        Path missing = empty.resolve("missing.db");
        CommandRun.run("snapshots", "--db", missing.toString()).failsWith(2, "no store at " + missing);
        assertThat(Files.exists(missing)).isFalse();
        CommandRun.run("snapshots", "--db", store.toString(), "--account", "ftp://acme").failsWith(2, "http");
    }

    @Test
    void saysSoWhenTheStoreHasNoSnapshots(@TempDir Path empty) {
        Path fresh = empty.resolve("fresh.db");
        Store.open(fresh, Store.Access.CREATE).close();

        assertThat(CommandRun.run("snapshots", "--db", fresh.toString()).succeeds().outLines()).containsExactly("no snapshots in " + fresh);
        assertThat(CommandRun.run("snapshots", "--db", fresh.toString(), "--json").succeeds().out()).isEmpty();
    }
}
