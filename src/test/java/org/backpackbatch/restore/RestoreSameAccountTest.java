package org.backpackbatch.restore;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.backpackbatch.api.AccountUrl;
import org.backpackbatch.api.ApiToken;
import org.backpackbatch.api.BackpackClient;
import org.backpackbatch.api.ClientSettings;
import org.backpackbatch.api.EventTitles;
import org.backpackbatch.api.model.CalendarEvent;
import org.backpackbatch.api.model.JournalEntry;
import org.backpackbatch.api.model.Page;
import org.backpackbatch.api.model.Reminder;
import org.backpackbatch.api.model.Scope;
import org.backpackbatch.backup.BackupCli;
import org.backpackbatch.emulator.AccountSpec;
import org.backpackbatch.emulator.BackpackEmulator;
import org.backpackbatch.emulator.EmulatorConfig;
import org.backpackbatch.store.AccountRecords.StoredAccount;
import org.backpackbatch.store.PageRecords.StoredPage;
import org.backpackbatch.store.SnapshotComparison;
import org.backpackbatch.store.Store;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A restore into the account a snapshot was taken from brings back exactly what was deleted
 * since, in its place (a reminder, a journal entry, an event into its calendar too), and nothing
 * else; {@code --page} limits it to one page and {@code --dry-run} only prints the plan.
 */
class RestoreSameAccountTest {

    private static final List<String> CREATES = List.of("pages/new", "notes/create", "lists/add", "items/add", "separators", "tags/tag");

    @Test
    void onlyWhatWasDeletedComesBackAndOnlyOnce(@TempDir Path dir) throws Exception {
        try (BackedUpSource source = BackedUpSource.of(dir, 40)) {
            RestoredContent.Counts originalCounts = RestoredContent.counts(source.account().data());

            Page withNote = withAtLeast(source.originalPages(), p -> p.notes().size() >= 2);
            Page withList = withAtLeast(source.originalPages(), p -> p.lists().size() >= 2 && p.id() != withNote.id()
                    && !p.lists().get(0).items().isEmpty());
            Page gone = withAtLeast(source.originalPages(), p -> p.id() != withNote.id() && p.id() != withList.id() && !p.notes().isEmpty()
                    && !p.lists().isEmpty() && !p.tags().isEmpty());
            source.api().destroyNote(withNote.id(), withNote.notes().get(0).id());
            source.api().destroyList(withList.id(), withList.lists().get(0).id());
            source.api().destroyPage(gone.id());
            long itemsGone = withList.lists().get(0).items().size() + gone.lists().stream().mapToLong(l -> l.items().size()).sum();

            BackupCli.Run restored = BackupCli.inProcess(RestoredContent.restore(source.store(), source.account(), source.token(), source.original()));
            assertThat(restored.exitCode()).as(restored.err()).isZero();
            assertThat(restored.out()).contains("restored snapshot " + source.original() + " of " + source.account().baseUrl()
                    + " into the account it was taken from");
            assertThat(RestoredContent.figure(restored, "pages/new")).isEqualTo(1);
            assertThat(RestoredContent.figure(restored, "notes/create")).isEqualTo(1 + gone.notes().size());
            assertThat(RestoredContent.figure(restored, "lists/add")).isEqualTo(1 + gone.lists().size());
            assertThat(RestoredContent.figure(restored, "items/add")).isEqualTo(itemsGone);
            assertThat(RestoredContent.figure(restored, "separators")).isEqualTo(gone.separators().size());
            assertThat(RestoredContent.figure(restored, "tags/tag")).isEqualTo(1);
            assertThat(RestoredContent.counts(source.account().data())).isEqualTo(originalCounts);

            long after = RestoredContent.backUp(source.account(), source.store(), source.token(), "core");
            assertThat(RestoredContent.asIs(RestoredContent.snapshot(source.store(), after).values()))
                    .as("the account backed up again, ignoring ids")
                    .containsExactlyInAnyOrderElementsOf(RestoredContent.asIs(source.originalPages().values()));

            List<Page> before = RestoredContent.state(source.account().data());
            BackupCli.Run again = BackupCli.inProcess(RestoredContent.restore(source.store(), source.account(), source.token(), source.original()));
            assertThat(again.exitCode()).as(again.err()).isZero();
            for (String create : CREATES) {
                assertThat(RestoredContent.figure(again, create)).as("%s of the second run", create).isZero();
            }
            assertThat(RestoredContent.figure(again, "reorder")).isZero();
            assertThat(again.out()).contains("into the account it was taken from: nothing was left to do");
            assertThat(RestoredContent.state(source.account().data())).as("the account after the second run").isEqualTo(before);
        }
    }

    @Test
    void onlyTheReminderEntryAndEventDeletedComeBackTheEventIntoItsCalendar(@TempDir Path dir) throws Exception {
        try (BackedUpSource source = BackedUpSource.of(dir, 40, "all")) {
            StoredAccount original = RestoredContent.account(source.store(), source.original());
            long me = original.users().meId();
            Reminder reminder = original.reminders().stream().filter(r -> r.remindees().size() > 1).findFirst().orElseThrow();
            JournalEntry entry = original.journal().stream().filter(e -> e.userId() == me).findFirst().orElseThrow();
            CalendarEvent event = original.calendars().get(0).events().get(0);
            source.api().destroyReminder(reminder.id());
            source.api().destroyJournalEntry(entry.id());
            source.api().destroyCalendarEvent(event.id());

            BackupCli.Run plan = BackupCli.inProcess(RestoredContent.restore(source.store(), source.account(), source.token(),
                    source.original(), "--dry-run"));
            assertThat(plan.exitCode()).as(plan.err()).isZero();
            BackupCli.Run restored = BackupCli.inProcess(RestoredContent.restore(source.store(), source.account(), source.token(),
                    source.original()));
            assertThat(restored.exitCode()).as(restored.err()).isZero();
            for (BackupCli.Run run : List.of(plan, restored)) {
                assertThat(RestoredContent.figure(run, "reminders")).isEqualTo(1);
                assertThat(RestoredContent.figure(run, "journal_entries")).isEqualTo(1);
                assertThat(RestoredContent.figure(run, "calendar_events")).isEqualTo(1);
            }
            assertThat(RestoredContent.figure(restored, "status")).as("the status is still there").isZero();
            for (String create : CREATES) {
                assertThat(RestoredContent.figure(restored, create)).as(create).isZero();
            }
            assertThat(restored.out()).contains("calendars: the seconds of 1 event(s) of calendar '" + original.calendars().get(0).calendar().name()
                    + "': the API sets an event's time to the minute").doesNotContain("users:", "bookmarks:", "journal:", "statuses:", "is no user of the target");
            Reminder back = source.account().data().reminders().upcoming().stream().filter(r -> r.content().equals(reminder.content()))
                    .findFirst().orElseThrow();
            assertThat(back.remindees()).as("the same users, found by name").isEqualTo(reminder.remindees());
            assertThat(back.remindAt()).isEqualTo(reminder.remindAt());
            CalendarEvent eventBack = source.account().data().calendars().events(event.calendarId()).stream()
                    .filter(e -> e.title().equals(event.title())).findFirst().orElseThrow();
            assertThat(eventBack.occursAt()).isEqualTo(EventTitles.toTheMinute(event.occursAt()));
            assertThat(eventBack.remind()).isEqualTo(event.remind());

            long after = RestoredContent.backUp(source.account(), source.store(), source.token(), "all");
            try (Store session = Store.open(source.store(), Store.Access.READ)) {
                SnapshotComparison.Result compared = SnapshotComparison.compare(session.snapshots(), source.original(), after);
                assertThat(compared.differences()).isEmpty();
            }

            BackupCli.Run again = BackupCli.inProcess(RestoredContent.restore(source.store(), source.account(), source.token(),
                    source.original()));
            assertThat(again.exitCode()).as(again.err()).isZero();
            assertThat(again.out()).contains("into the account it was taken from: nothing was left to do");
        }
    }

    @Test
    void pageRestoresOnlyThatPageAndDryRunChangesNothing(@TempDir Path dir) throws Exception {
        try (BackedUpSource source = BackedUpSource.of(dir, 30)) {
            List<Page> personal = source.originalPages().values().stream().map(StoredPage::page)
                    .filter(p -> p.scope() == Scope.PERSONAL && p.galleries().isEmpty() && p.attachments().isEmpty()
                            && !p.notes().isEmpty())
                    .toList();
            Page wanted = personal.get(0);
            Page other = personal.get(1);
            source.api().destroyPage(wanted.id());
            source.api().destroyPage(other.id());
            long pagesLeft = source.account().data().allPages().size();

            List<Page> beforeDryRun = RestoredContent.state(source.account().data());
            BackupCli.Run plan = BackupCli.inProcess(RestoredContent.restore(source.store(), source.account(), source.token(), source.original(), "--dry-run"));
            assertThat(plan.exitCode()).as(plan.err()).isZero();
            assertThat(plan.out()).contains("plan to restore snapshot " + source.original());
            assertThat(RestoredContent.figure(plan, "pages/new")).isEqualTo(2);
            assertThat(RestoredContent.figure(plan, "notes/create")).isEqualTo(wanted.notes().size() + other.notes().size());
            assertThat(RestoredContent.requests(plan)).as("requests planned").isPositive();
            assertThat(RestoredContent.state(source.account().data())).as("the account after a dry run").isEqualTo(beforeDryRun);
            assertThat(RestoredContent.query(source.store(), "SELECT count(*) FROM restore_ids")).as("id map after a dry run").isEqualTo("0");

            BackupCli.Run one = BackupCli.inProcess(RestoredContent.restore(source.store(), source.account(), source.token(), source.original(),
                    "--page", Long.toString(wanted.id())));
            assertThat(one.exitCode()).as(one.err()).isZero();
            assertThat(RestoredContent.figure(one, "pages/new")).isEqualTo(1);
            assertThat(source.account().data().allPages()).hasSize((int) pagesLeft + 1);
            assertThat(source.account().data().allPages()).as("pages titled as the deleted ones")
                    .filteredOn(p -> p.title().equals(other.title()))
                    .hasSize((int) source.originalPages().values().stream().filter(p -> p.page().title().equals(other.title())).count() - 1);
            long restoredId = source.account().data().allPages().stream().mapToLong(p -> p.id()).max().orElseThrow();
            Page restoredPage = source.account().data().page(restoredId).withScope(Scope.PERSONAL);
            assertThat(RestoredContent.asIs(List.of(new StoredPage(restoredPage, List.of()))))
                    .isEqualTo(RestoredContent.asIs(List.of(new StoredPage(wanted, List.of()))));
        }
    }

    /** A generated account on the emulator, backed up once (core) into a store: what each test starts from. */
    private record BackedUpSource(BackpackEmulator emulator, BackpackEmulator.HostedAccount account, BackpackClient api, Path store,
            Path token, long original, Map<Long, StoredPage> originalPages) implements AutoCloseable {

        static BackedUpSource of(Path dir, int pages) throws Exception {
            return of(dir, pages, "core");
        }

        static BackedUpSource of(Path dir, int pages, String include) throws Exception {
            BackpackEmulator emulator = BackpackEmulator.start(EmulatorConfig.defaults()
                    .withAccounts(List.of(new AccountSpec("src", Integer.toString(pages)))).withRateLimit(null));
            BackpackEmulator.HostedAccount account = emulator.account("src");
            Path store = dir.resolve("store.db");
            Path token = RestoreRoundTripTest.token(dir, account);
            long original = RestoredContent.backUp(account, store, token, include);
            return new BackedUpSource(emulator, account, client(account), store, token, original, RestoredContent.snapshot(store, original));
        }

        @Override
        public void close() {
            api.close();
            emulator.close();
        }
    }

    private static Page withAtLeast(Map<Long, StoredPage> pages, java.util.function.Predicate<Page> test) {
        return pages.values().stream().map(StoredPage::page)
                .filter(p -> p.scope() == Scope.PERSONAL && p.galleries().isEmpty() && p.attachments().isEmpty())
                .filter(test).min(Comparator.comparingLong(Page::id)).orElseThrow();
    }

    static BackpackClient client(BackpackEmulator.HostedAccount account) {
        return new BackpackClient(AccountUrl.parse(account.baseUrl()), ApiToken.of(account.token()), ClientSettings.defaults().withRate(null));
    }
}
