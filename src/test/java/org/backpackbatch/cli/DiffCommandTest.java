package org.backpackbatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.backpackbatch.api.BackpackClient;
import org.backpackbatch.api.model.Belonging;
import org.backpackbatch.api.model.CalendarEvent;
import org.backpackbatch.api.model.Item;
import org.backpackbatch.api.model.ItemList;
import org.backpackbatch.api.model.JournalEntry;
import org.backpackbatch.api.model.Note;
import org.backpackbatch.api.model.Page;
import org.backpackbatch.api.model.PageSummary;
import org.backpackbatch.api.model.Reminder;
import org.backpackbatch.api.model.Status;
import org.backpackbatch.api.model.Tag;
import org.backpackbatch.emulator.AccountSpec;
import org.backpackbatch.store.Snapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.backpackbatch.store.Dialect;
import org.backpackbatch.store.TestStore;
import org.backpackbatch.store.Include;

/**
 * {@code diff} after changes made through the API: a note edited, a list deleted, items added and
 * moved, a page retagged; a journal entry written, the status set, a reminder deleted, an event
 * renamed. It shows exactly those records, and refuses snapshots it cannot compare.
 */
@ParameterizedClass
@EnumSource(Dialect.class)
class DiffCommandTest {

    private static final String JAM = "Jam \"strawberry\" \\ 🍓";

    @TempDir
    static Path dir;

    /** The store's database, for the class's shared store. */
    @Parameter
    Dialect dialect;

    private static BackedUpAccounts accounts;
    private static TestStore store;
    private static TestStore storeWithOneSnapshotOfTheLatestAccount;
    private static Snapshot before;
    private static Snapshot otherAccount;
    private static Snapshot after;
    private static Snapshot running;
    private static long pageId;
    private static Set<String> expected;

    /** A change as the JSON output names it. */
    private static String change(String change, String kind, long id) {
        return change + " " + kind + " " + id;
    }

    @BeforeParameterizedClassInvocation
    static void backUpBeforeAndAfterChanges(Dialect dialect) throws Exception {
        store = TestStore.create(dialect, dir, dialect + "-store.db");
        accounts = new BackedUpAccounts(store, new AccountSpec("acme", null), new AccountSpec("other", "empty"));
        BackpackClient client = accounts.client("acme");
        PageSummary page = client.createPage("Diff test");
        pageId = page.id();
        Note plan = client.createNote(pageId, "Plan", "first draft");
        ItemList errands = client.createList(pageId, "Errands");
        Item bread = client.createItem(pageId, errands.id(), "Bread", false);
        Item milk = client.createItem(pageId, errands.id(), "Milk", false);
        client.createItem(pageId, errands.id(), "Eggs", false);
        ItemList later = client.createList(pageId, "Later");
        Item paint = client.createItem(pageId, later.id(), "Paint", false);
        Item tiles = client.createItem(pageId, later.id(), "Tiles", false);
        client.tagPage(pageId, List.of("Home"));
        Page shown = client.page(pageId);
        Belonging laterPlace = shown.belongings().stream().filter(b -> b.widgetId() == later.id()).findFirst().orElseThrow();
        Tag home = shown.tags().get(0);

        before = accounts.backup("acme");
        otherAccount = accounts.backup("other");
        storeWithOneSnapshotOfTheLatestAccount = accounts.copy("one-snapshot.db");

        client.updateNote(pageId, plan.id(), "Plan", "second draft");
        client.destroyList(pageId, later.id());
        Item butter = client.createItem(pageId, errands.id(), "Butter", false);
        Item jam = client.createItem(pageId, errands.id(), JAM, false);
        client.moveItem(pageId, errands.id(), milk.id(), BackpackClient.Direction.MOVE_HIGHER);
        client.tagPage(pageId, List.of("Work"));
        Tag work = client.page(pageId).tags().get(0);
        long me = client.me().id();
        JournalEntry entry = client.createJournalEntry(me, "Diffed: a new entry");
        Status status = client.updateStatus(me, "Reading the diff");
        Reminder reminder = client.reminders().get(0);
        client.destroyReminder(reminder.id());
        CalendarEvent event = client.calendarEvents(client.calendars().get(0).id()).get(0);
        client.updateCalendarEvent(event.id(), event.calendarId(), "Renamed in the diff", event.remind());
        after = accounts.backup("acme");
        running = accounts.store().begin(accounts.url("other"), Include.ALL, Snapshot.Origin.BACKUP);

        expected = Set.of(
                change("changed", "note", plan.id()),
                change("removed", "list", later.id()),
                change("removed", "belonging", laterPlace.id()),
                change("added", "item", butter.id()),
                change("added", "item", jam.id()),
                change("changed", "item", milk.id()),
                change("changed", "item", bread.id()),
                change("removed", "item", paint.id()),
                change("removed", "item", tiles.id()),
                change("removed", "tag", home.id()),
                change("added", "tag", work.id()),
                change("added", "journal_entry", entry.id()),
                change("changed", "status", status.id()),
                change("removed", "reminder", reminder.id()),
                change("changed", "calendar_event", event.id()));
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        accounts.close();
    }

    @Test
    void byDefaultComparesTheLatestCompleteSnapshotWithTheOneOfItsAccountBeforeIt() throws Exception {
        CommandRun run = CommandRun.run("diff", "--db", store.db(), "--json").succeeds();

        ObjectMapper json = new ObjectMapper();
        List<JsonNode> lines = run.outLines().stream().map(line -> read(json, line)).toList();
        assertThat(lines).allSatisfy(line -> {
            assertThat(line.get("from").asLong()).isEqualTo(before.id());
            assertThat(line.get("to").asLong()).isEqualTo(after.id());
        });
        assertThat(lines).filteredOn(line -> !line.get("page").isNull()).extracting(line -> line.get("page").asLong())
                .hasSize(11).containsOnly(pageId);
        assertThat(lines).filteredOn(line -> line.get("page").isNull()).extracting(line -> line.get("kind").asText())
                .containsExactly("reminder", "journal_entry", "status", "calendar_event");
        assertThat(lines).filteredOn(line -> line.get("kind").asText().equals("status"))
                .extracting(line -> line.get("title").asText()).containsExactly("Reading the diff");
        assertThat(lines.stream().map(line -> change(line.get("change").asText(), line.get("kind").asText(), line.get("id").asLong()))
                .collect(Collectors.toList())).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(lines).filteredOn(line -> line.get("kind").asText().equals("item") && line.get("change").asText().equals("added"))
                .extracting(line -> line.get("title").asText()).containsExactlyInAnyOrder("Butter", JAM);
        assertThat(lines).filteredOn(line -> line.get("kind").asText().equals("belonging"))
                .extracting(line -> line.get("title").asText()).containsExactly("List");
    }

    @Test
    void printsEachKindWithItsChangesIdsAndTitles() {
        CommandRun run = CommandRun.run("diff", "--db", store.db()).succeeds();

        assertThat(run.outLines().get(0)).isEqualTo("snapshot " + before.id() + " -> " + after.id() + " of " + accounts.url("acme")
                + ": 4 added, 5 changed, 6 removed");
        assertThat(run.outLines().stream().skip(1).filter(line -> !line.startsWith(" ")).toList()).containsExactly("belonging", "note", "list",
                "item", "tag", "reminder", "journal_entry", "status", "calendar_event");
        assertThat(run.out()).contains("  changed  ", "\"Plan\" (page " + pageId + ")", "\"Later\" (page " + pageId + ")",
                "\"Jam \\\"strawberry\\\" \\\\ 🍓\" (page " + pageId + ", list ",
                "\"Diffed: a new entry\" (Sam Harper)", "\"Renamed in the diff\" (calendar ");
        assertThat(CommandRun.run("diff", "--db", store.db(), Long.toString(before.id()), Long.toString(after.id())).out())
                .isEqualTo(run.out());
        assertThat(CommandRun.run("diff", "--db", store.db(), Long.toString(before.id())).out()).isEqualTo(run.out());
    }

    @Test
    void anArchiveOfTheOlderSnapshotImportedAfterTheChangesDiffsEmptyAgainstIt() throws Exception {
        TestStore withImport = accounts.copy("with-import.db");
        Path archive = dir.resolve(dialect + "-before.xml");
        CommandRun.run("export", "--db", withImport.db(), "--snapshot", Long.toString(before.id()), "--format", "xml",
                "--out", archive.toString()).succeeds();
        String importLine = CommandRun.run("import", "--db", withImport.db(), "--xml", archive.toString()).succeeds().outLines().get(0);
        long imported = Long.parseLong(importLine.split(" ")[1]);

        // the changed note, the moved items: changed in 'after', changed back by the import, equal hashes on both sides
        assertThat(CommandRun.run("diff", "--db", withImport.db(), Long.toString(before.id()), Long.toString(imported))
                .succeeds().outLines()).containsExactly("snapshot " + before.id() + " -> " + imported + " of " + accounts.url("acme")
                        + ": 0 added, 0 changed, 0 removed");
        assertThat(CommandRun.run("diff", "--db", withImport.db()).succeeds().outLines().get(0))
                .isEqualTo("snapshot " + after.id() + " -> " + imported + " of " + accounts.url("acme") + ": 6 added, 5 changed, 4 removed");
    }

    @Test
    void comparesAnIncompleteSnapshotNamedById() {
        CommandRun run = CommandRun.run("diff", "--db", store.db(), Long.toString(otherAccount.id()), Long.toString(running.id()));

        run.succeeds();
        assertThat(run.outLines()).containsExactly("snapshot " + otherAccount.id() + " -> " + running.id() + " of "
                + accounts.url("other") + ": 0 added, 0 changed, 0 removed");
    }

    @Test
    void refusesSnapshotsItCannotCompare() {
        String db = store.db();
        CommandRun.run("diff", "--db", db, "99").failsWith(2, "no snapshot 99");
        CommandRun.run("diff", "--db", db, Long.toString(after.id()), Long.toString(before.id())).failsWith(2, "name the older one first");
        CommandRun.run("diff", "--db", db, Long.toString(before.id()), Long.toString(otherAccount.id())).failsWith(2, "one account");
        CommandRun.run("diff", "--db", db, Long.toString(otherAccount.id())).failsWith(2, "no complete snapshot of " + accounts.url("other"));
        CommandRun.run("diff", "--db", storeWithOneSnapshotOfTheLatestAccount.db()).failsWith(2, "nothing to compare it with");
        CommandRun.run("diff", "--db", dir.resolve("missing.db").toString()).failsWith(2, "no store at");
        CommandRun.run("diff", "--db", db, "one").failsWith(2, "one");
    }

    private static JsonNode read(ObjectMapper json, String line) {
        try {
            return json.readTree(line);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }
}
