package org.backpackbatch.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.backpackbatch.api.AccountUrl;
import org.backpackbatch.api.ApiToken;
import org.backpackbatch.api.BackpackClient;
import org.backpackbatch.api.ClientSettings;
import org.backpackbatch.api.model.Bookmark;
import org.backpackbatch.api.model.CalendarEvent;
import org.backpackbatch.api.model.Item;
import org.backpackbatch.api.model.JournalEntry;
import org.backpackbatch.api.model.ItemList;
import org.backpackbatch.api.model.Page;
import org.backpackbatch.api.model.PageSummary;
import org.backpackbatch.api.model.Reminder;
import org.backpackbatch.api.model.Status;
import org.backpackbatch.api.model.Tag;
import org.backpackbatch.api.model.User;
import org.backpackbatch.backup.AccountContents.Change;
import org.backpackbatch.emulator.AccountSpec;
import org.backpackbatch.emulator.BackpackEmulator;
import org.backpackbatch.emulator.EmulatedAccount;
import org.backpackbatch.emulator.EmulatorConfig;
import org.backpackbatch.store.AccountRecords;
import org.backpackbatch.store.AccountRecords.StoredAccount;
import org.backpackbatch.store.Difference;
import org.backpackbatch.store.PageRecords.StoredPage;
import org.backpackbatch.store.RecordKind;
import org.backpackbatch.store.RecordVersion;
import org.backpackbatch.store.Snapshot;
import org.backpackbatch.store.SnapshotStore;
import org.backpackbatch.store.Dialect;
import org.backpackbatch.store.Store;
import org.backpackbatch.store.TestStore;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.backpackbatch.store.Include;
import org.backpackbatch.store.Resource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The backup job end to end against the emulator over real HTTP into a real SQLite store: a
 * snapshot holds exactly what the account serves, pages and the whole account, and the next one
 * exactly what changed.
 */
class BackupContentTest {

    private static final int PAGES = 200;

    @TempDir
    Path dir;

    private BackpackEmulator emulator;
    private BackpackEmulator.HostedAccount account;
    private EmulatedAccount data;

    @BeforeEach
    void start() throws Exception {
        emulator = BackpackEmulator.start(EmulatorConfig.defaults()
                .withAccounts(List.of(new AccountSpec("src", Integer.toString(PAGES)))).withRateLimit(null));
        account = emulator.account("src");
        data = account.data();
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    @ParameterizedTest(name = "{0} store")
    @EnumSource(Dialect.class)
    void aSnapshotHoldsWhatTheAccountServes(Dialect dialect) {
        TestStore storeFile = TestStore.create(dialect, dir);
        try (Store session = storeFile.open(Store.Access.CREATE)) {
            Backup.Result result = backUp(session);

            Snapshot snapshot = result.snapshot();
            assertThat(snapshot.complete()).isTrue();
            assertThat(result.resumed()).isFalse();
            Map<Long, StoredPage> served = AccountContents.of(data, Include.ALL);
            assertThat(SnapshotContents.pages(session.snapshots(), snapshot.id())).isEqualTo(served);

            StoredAccount servedAccount = AccountContents.account(data);
            assertThat(session.snapshots().account(snapshot.id())).isEqualTo(servedAccount);
            assertThat(servedAccount.users().users()).as("users besides the token's own").hasSizeGreaterThan(1);
            assertThat(servedAccount.journal()).as("a journal longer than a page of 100").hasSizeGreaterThan(100);
            assertThat(servedAccount.reminders()).anySatisfy(reminder -> assertThat(reminder.remindees()).hasSizeGreaterThan(1));
            assertThat(servedAccount.calendars()).hasSizeGreaterThan(1).allSatisfy(calendar -> assertThat(calendar.events()).isNotEmpty());
            assertThat(servedAccount.bookmarks()).extracting(Bookmark::bookmarkableType).contains(Bookmark.PAGE, Bookmark.TAG);

            List<Page> pages = served.values().stream().map(StoredPage::page).toList();
            long events = servedAccount.calendars().stream().mapToLong(calendar -> calendar.events().size()).sum();
            assertThat(snapshot.counts()).isEqualTo(new Snapshot.Counts(PAGES,
                    pages.stream().mapToLong(page -> page.notes().size()).sum(),
                    pages.stream().mapToLong(page -> page.lists().size()).sum(),
                    pages.stream().flatMap(page -> page.lists().stream()).mapToLong(list -> list.items().size()).sum(),
                    pages.stream().flatMap(page -> page.tags().stream()).map(Tag::id).distinct().count(),
                    pages.stream().mapToLong(page -> page.separators().size()).sum(),
                    served.values().stream().mapToLong(page -> page.emails().size()).sum(),
                    servedAccount.users().users().size(), servedAccount.reminders().size(), servedAccount.journal().size(),
                    servedAccount.statuses().size(), servedAccount.calendars().size(), events, servedAccount.bookmarks().size()));
            assertThat(snapshot.counts().emails()).as("the generated account has emails to back up").isPositive();
            assertThat(snapshot.changes()).isEqualTo(new Snapshot.Changes(
                    AccountContents.records(served).size() + AccountContents.records(servedAccount).size(), 0, 0));
            long journalPages = (servedAccount.journal().size() + 1 + 99) / 100;
            assertThat(result.requests())
                    .as("pages/all, each page and its emails; users, me, reminders, statuses, bookmarks, calendars; the journal by 100; each calendar's events")
                    .isEqualTo(1 + 2L * PAGES + 6 + journalPages + servedAccount.calendars().size());
            assertThat(snapshot.requests()).isEqualTo(result.requests());
        }
        assertThat(storeFile.holds(account.token())).as("the token in the store").isFalse();
        assertThat(storeFile.holds("webcal:")).as("a calendar's iCal URL in the store").isFalse();
        assertThat(storeFile.leaksASecret()).as("a calendar's sharing token in the store").isFalse();
    }

    @ParameterizedTest(name = "{0} store")
    @EnumSource(Dialect.class)
    void theNextSnapshotHoldsExactlyTheChangesMadeThroughTheApi(Dialect dialect) {
        try (Store session = TestStore.create(dialect, dir).open(Store.Access.CREATE);
             BackpackClient client = client()) {
            SnapshotStore store = session.snapshots();
            Snapshot first = backUp(session).snapshot();
            Map<Long, StoredPage> before = AccountContents.of(data, Include.ALL);
            StoredAccount accountBefore = AccountContents.account(data);
            List<RecordVersion> firstRecords = SnapshotContents.records(store, first.id());

            Set<Long> pagesUsed = new HashSet<>();
            Page edited = pageWhere(pagesUsed, page -> !page.notes().isEmpty());
            long editedNote = edited.notes().get(0).id();
            client.updateNote(edited.id(), editedNote, "Edited & <checked>", "a new body\nwith 🎒");

            Page lessOneNote = pageWhere(pagesUsed, page -> !page.notes().isEmpty());
            long deletedNote = lessOneNote.notes().get(0).id();
            client.destroyNote(lessOneNote.id(), deletedNote);

            Page lessOneList = pageWhere(pagesUsed, page -> page.lists().stream().anyMatch(list -> list.items().size() >= 2));
            ItemList deletedList = lessOneList.lists().stream().filter(list -> list.items().size() >= 2).findFirst().orElseThrow();
            client.destroyList(lessOneList.id(), deletedList.id());

            Page deletedPage = pageWhere(pagesUsed, page -> page.lists().size() + page.notes().size() >= 2 && !page.tags().isEmpty());
            client.destroyPage(deletedPage.id());

            Page grown = pageWhere(pagesUsed, page -> !page.lists().isEmpty());
            long grownList = grown.lists().get(0).id();
            Item addedOpen = client.createItem(grown.id(), grownList, "bought <milk> & bread", false);
            Item addedDone = client.createItem(grown.id(), grownList, "already done", true);

            Page reordered = pageWhere(pagesUsed, page -> page.lists().stream().anyMatch(BackupContentTest::hasTwoOpenItemsLastOpen));
            ItemList reorderedList = reordered.lists().stream().filter(BackupContentTest::hasTwoOpenItemsLastOpen).findFirst().orElseThrow();
            long movedItem = reorderedList.items().get(reorderedList.items().size() - 1).id();
            client.moveItem(reordered.id(), reorderedList.id(), movedItem, BackpackClient.Direction.MOVE_TO_TOP);

            Page toggled = pageWhere(pagesUsed, page -> page.lists().stream().anyMatch(list -> list.items().size() >= 2
                    && !list.items().get(0).completed()));
            ItemList toggledList = toggled.lists().stream().filter(list -> list.items().size() >= 2 && !list.items().get(0).completed())
                    .findFirst().orElseThrow();
            long toggledItem = toggledList.items().get(0).id();
            client.toggleItem(toggled.id(), toggledList.id(), toggledItem);

            Page retagged = pageWhere(pagesUsed, page -> !page.tags().isEmpty());
            client.tagPage(retagged.id(), List.of("Retagged", retagged.tags().get(0).name()));

            long me = client.me().id();
            List<Reminder> reminders = accountBefore.reminders();
            Reminder addedReminder = client.createReminder(Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.SECONDS).toString(),
                    "Water the <plants> & the 🌵", List.of(me, reminders.get(0).creator().id()));
            client.updateReminder(reminders.get(1).id(), null, "Moved & renamed", null);
            client.destroyReminder(reminders.get(2).id());
            List<JournalEntry> ownEntries = accountBefore.journal().stream().filter(entry -> entry.userId() == me).toList();
            JournalEntry addedEntry = client.createJournalEntry(me, "A new day\nwith a second line");
            client.updateJournalEntry(ownEntries.get(0).id(), "Rewritten");
            client.destroyJournalEntry(ownEntries.get(1).id());
            Status status = client.updateStatus(me, "Backing up everything");
            List<CalendarEvent> events = accountBefore.calendars().get(0).events();
            CalendarEvent addedEvent = client.createCalendarEvent(accountBefore.calendars().get(1).calendar().id(), "5/14 7pm Dinner", true);
            client.updateCalendarEvent(events.get(0).id(), events.get(0).calendarId(), "Renamed event", events.get(0).remind());
            client.destroyCalendarEvent(events.get(1).id());

            Snapshot second = backUp(session).snapshot();
            Map<Long, StoredPage> after = AccountContents.of(data, Include.ALL);
            StoredAccount accountAfter = AccountContents.account(data);
            assertThat(SnapshotContents.pages(store, second.id())).isEqualTo(after);
            assertThat(store.account(second.id())).isEqualTo(accountAfter);
            assertThat(second.parentId()).isEqualTo(first.id());

            List<Difference> differences = new ArrayList<>();
            store.differences(first.id(), second.id(), differences::add);
            Set<Change> changes = differences.stream().map(d -> new Change(d.change(), d.version().key())).collect(Collectors.toSet());
            assertThat(changes).as("no record twice").hasSameSizeAs(differences);
            assertThat(changes).isEqualTo(AccountContents.differences(before, accountBefore, after, accountAfter));
            assertThat(differences.stream().map(d -> d.version().pageId()).filter(pageId -> pageId >= 0).collect(Collectors.toSet()))
                    .as("the pages changed through the API, and only they").isEqualTo(pagesUsed);
            assertThat(changes).contains(
                    change(Difference.Change.ADDED, RecordKind.REMINDER, addedReminder.id()),
                    change(Difference.Change.CHANGED, RecordKind.REMINDER, reminders.get(1).id()),
                    change(Difference.Change.REMOVED, RecordKind.REMINDER, reminders.get(2).id()),
                    change(Difference.Change.ADDED, RecordKind.JOURNAL_ENTRY, addedEntry.id()),
                    change(Difference.Change.CHANGED, RecordKind.JOURNAL_ENTRY, ownEntries.get(0).id()),
                    change(Difference.Change.REMOVED, RecordKind.JOURNAL_ENTRY, ownEntries.get(1).id()),
                    change(Difference.Change.CHANGED, RecordKind.STATUS, status.id()),
                    change(Difference.Change.ADDED, RecordKind.CALENDAR_EVENT, addedEvent.id()),
                    change(Difference.Change.CHANGED, RecordKind.CALENDAR_EVENT, events.get(0).id()),
                    change(Difference.Change.REMOVED, RecordKind.CALENDAR_EVENT, events.get(1).id()));
            assertThat(differences).anySatisfy(d -> {
                assertThat(d.version().key()).isEqualTo(new RecordVersion.Key(RecordKind.REMINDER, addedReminder.id(), Resource.REMINDERS.scope()));
                assertThat(d.version().name()).isEqualTo("Water the <plants> & the 🌵");
                assertThat(AccountRecords.remindees(d.version().remindees())).extracting(User::id)
                        .containsExactlyElementsOf(addedReminder.remindees().stream().map(User::id).toList());
            });

            assertThat(differences).anySatisfy(d -> {
                assertThat(d.change()).isEqualTo(Difference.Change.CHANGED);
                assertThat(d.version().key()).isEqualTo(new RecordVersion.Key(RecordKind.NOTE, editedNote, edited.id()));
                assertThat(d.version().name()).isEqualTo("Edited & <checked>");
                assertThat(d.version().body()).isEqualTo("a new body\nwith 🎒");
            });
            assertThat(changes).contains(new Change(Difference.Change.REMOVED, new RecordVersion.Key(RecordKind.NOTE, deletedNote, lessOneNote.id())));
            assertThat(changes).contains(new Change(Difference.Change.REMOVED, new RecordVersion.Key(RecordKind.LIST, deletedList.id(), lessOneList.id())));
            deletedList.items().forEach(item -> assertThat(changes)
                    .contains(new Change(Difference.Change.REMOVED, new RecordVersion.Key(RecordKind.ITEM, item.id(), lessOneList.id()))));
            assertThat(differences).filteredOn(d -> d.version().pageId() == deletedPage.id())
                    .as("every record of the deleted page, removed")
                    .allMatch(d -> d.change() == Difference.Change.REMOVED)
                    .hasSize((int) firstRecords.stream().filter(r -> r.pageId() == deletedPage.id()).count());
            assertThat(changes).contains(new Change(Difference.Change.ADDED, new RecordVersion.Key(RecordKind.ITEM, addedOpen.id(), grown.id())),
                    new Change(Difference.Change.ADDED, new RecordVersion.Key(RecordKind.ITEM, addedDone.id(), grown.id())));
            assertThat(differences).anySatisfy(d -> {
                assertThat(d.version().key()).isEqualTo(new RecordVersion.Key(RecordKind.ITEM, movedItem, reordered.id()));
                assertThat(d.change()).isEqualTo(Difference.Change.CHANGED);
                assertThat(d.version().position()).as("moved to the top").isEqualTo(1);
            });
            assertThat(differences).anySatisfy(d -> {
                assertThat(d.version().key()).isEqualTo(new RecordVersion.Key(RecordKind.ITEM, toggledItem, toggled.id()));
                assertThat(d.change()).isEqualTo(Difference.Change.CHANGED);
                assertThat(d.version().flag()).as("completed").isEqualTo(1);
            });
            assertThat(differences).filteredOn(d -> d.version().pageId() == retagged.id())
                    .extracting(d -> d.version().kind()).containsOnly(RecordKind.TAG).isNotEmpty();

            long added = changes.stream().filter(c -> c.change() == Difference.Change.ADDED).count();
            long changed = changes.stream().filter(c -> c.change() == Difference.Change.CHANGED).count();
            long removed = changes.stream().filter(c -> c.change() == Difference.Change.REMOVED).count();
            assertThat(second.changes()).isEqualTo(new Snapshot.Changes(added, changed, removed));
            assertThat(store.changes(first.id(), second.id())).isEqualTo(second.changes());

            assertThat(SnapshotContents.records(store, first.id())).as("the first snapshot, untouched").isEqualTo(firstRecords);
            assertThat(SnapshotContents.pages(store, first.id())).isEqualTo(before);
        }
    }

    @Test
    void anUnchangedAccountGivesAnEmptyDifference() {
        try (Store session = Store.open(dir.resolve("store.db"), Store.Access.CREATE)) {
            Snapshot first = backUp(session).snapshot();
            Snapshot second = backUp(session).snapshot();

            assertThat(second.changes()).isEqualTo(new Snapshot.Changes(0, 0, 0));
            assertThat(second.counts()).isEqualTo(first.counts());
            assertThat(SnapshotContents.records(session.snapshots(), second.id()))
                    .isEqualTo(SnapshotContents.records(session.snapshots(), first.id()));
            assertThat(session.jdbc().queryForObject("SELECT count(*) FROM versions WHERE first_snapshot = ?", Long.class, second.id()))
                    .as("versions written for an unchanged account").isZero();
        }
    }

    @Test
    void aListTakesTheCoreAndOnlyTheResourcesItNames() {
        try (Store session = Store.open(dir.resolve("store.db"), Store.Access.CREATE)) {
            Backup.Result full = backUp(session);
            Backup.Result chosen;
            try (BackpackClient client = client()) {
                chosen = TestBackups.run(session, client, Include.parse("journal,calendars"), 8);
            }

            Snapshot snapshot = chosen.snapshot();
            assertThat(snapshot.include().storedName()).isEqualTo("journal,calendars");
            StoredAccount held = session.snapshots().account(snapshot.id());
            StoredAccount served = AccountContents.account(data);
            assertThat(held).isEqualTo(new StoredAccount(null, null, served.journal(), null, served.calendars(), null));
            assertThat(SnapshotContents.pages(session.snapshots(), snapshot.id())).isEqualTo(AccountContents.of(data, Include.CORE));
            assertThat(snapshot.counts().users()).isZero();
            assertThat(snapshot.counts().journalEntries()).isEqualTo(served.journal().size());
            assertThat(snapshot.changes().removed()).as("the emails, users, reminders, statuses and bookmarks the full one held")
                    .isEqualTo(full.snapshot().counts().emails() + full.snapshot().counts().users() + full.snapshot().counts().reminders()
                            + full.snapshot().counts().statuses() + full.snapshot().counts().bookmarks());
            assertThat(snapshot.changes().added() + snapshot.changes().changed()).isZero();
            assertThat(chosen.requests()).as("pages/all, each page; the journal by 100; calendars and each one's events")
                    .isEqualTo(1 + PAGES + (served.journal().size() + 1 + 99) / 100 + 1 + served.calendars().size());
        }
    }

    private static Change change(Difference.Change change, RecordKind kind, long id) {
        return new Change(change, new RecordVersion.Key(kind, id, Resource.ofAccount().stream()
                .filter(resource -> resource.kinds().contains(kind)).findFirst().orElseThrow().scope()));
    }

    /** A list whose last item (in position order) is open and comes after another open one: moving it to the top shows. */
    private static boolean hasTwoOpenItemsLastOpen(ItemList list) {
        List<Item> items = list.items();
        return items.size() >= 2 && !items.get(items.size() - 1).completed()
                && items.subList(0, items.size() - 1).stream().anyMatch(item -> !item.completed());
    }

    /** The first page, as the emulator stores it, that no other change uses and that matches. */
    private Page pageWhere(Set<Long> used, Predicate<Page> wanted) {
        for (PageSummary summary : data.allPages()) {
            Page page = data.storedPage(summary.id());
            if (!used.contains(page.id()) && wanted.test(page)) {
                used.add(page.id());
                return page;
            }
        }
        throw new AssertionError("the generated account has no page for this change");
    }

    /** A backup with a client of its own, as every run of the command has. */
    private Backup.Result backUp(Store session) {
        try (BackpackClient client = client()) {
            return TestBackups.run(session, client, Include.ALL, 8);
        }
    }

    private BackpackClient client() {
        return new BackpackClient(AccountUrl.parse(account.baseUrl()), ApiToken.of(account.token()),
                ClientSettings.defaults().withWorkers(8).withRate(null));
    }
}
