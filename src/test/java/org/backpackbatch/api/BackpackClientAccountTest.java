package org.backpackbatch.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.backpackbatch.api.BackpackException.Kind;
import org.backpackbatch.api.model.Bookmark;
import org.backpackbatch.api.model.Calendar;
import org.backpackbatch.api.model.CalendarEvent;
import org.backpackbatch.api.model.JournalEntry;
import org.backpackbatch.api.model.Page;
import org.backpackbatch.api.model.Reminder;
import org.backpackbatch.api.model.Status;
import org.backpackbatch.api.model.User;
import org.backpackbatch.api.model.UserExport;
import org.backpackbatch.emulator.AccountSpec;
import org.backpackbatch.emulator.BackpackEmulator;
import org.backpackbatch.emulator.EmulatedAccount;
import org.backpackbatch.emulator.EmulatorConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The client's methods for the whole account against the emulator over real HTTP: users,
 * reminders and bookmarks (token in the path), statuses, journal and calendars (HTTP Basic).
 */
class BackpackClientAccountTest {

    private BackpackEmulator emulator;
    private EmulatedAccount data;
    private BackpackClient client;
    private User sam;
    private User alex;

    @BeforeEach
    void start() throws Exception {
        emulator = BackpackEmulator.start(EmulatorConfig.defaults().withRateLimit(null));
        BackpackEmulator.HostedAccount account = emulator.account("acme");
        data = account.data();
        client = new BackpackClient(AccountUrl.parse(account.baseUrl()), ApiToken.of(account.token()), ClientSettings.defaults());
        sam = data.users().get(0);
        alex = data.users().get(1);
    }

    @AfterEach
    void stop() {
        client.close();
        emulator.close();
    }

    @Test
    void readsTheUsersAndTheTokensOwnUser() {
        assertThat(client.users()).containsExactly(sam, alex).isEqualTo(data.users());
        assertThat(client.me()).isEqualTo(data.me());
        assertThat(client.me().user()).isEqualTo(sam);
    }

    @Test
    void readsTheUpcomingRemindersAndWritesThem() {
        assertThat(client.reminders()).hasSize(3).isEqualTo(data.reminders().upcoming());

        Reminder created = client.createReminder("2031-05-14T09:00:00Z", "Dentist & X-ray <2nd floor>", List.of(alex.id()));
        assertThat(created).isEqualTo(new Reminder(created.id(), "2031-05-14T09:00:00Z", "Dentist & X-ray <2nd floor>", sam, List.of(alex)));
        assertThat(client.createReminder(null, "Soon", List.of()).remindees()).containsExactly(sam);

        Reminder updated = client.updateReminder(created.id(), null, "Dentist, moved", null);
        assertThat(updated).isEqualTo(new Reminder(created.id(), "2031-05-14T09:00:00Z", "Dentist, moved", sam, List.of(alex)));
        assertThat(client.reminders()).last().isEqualTo(updated);

        client.destroyReminder(created.id());
        assertThat(client.reminders()).extracting(Reminder::id).doesNotContain(created.id());
        assertThatThrownBy(() -> client.destroyReminder(created.id()))
                .isInstanceOfSatisfying(BackpackException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND));
    }

    @Test
    void readsItsOwnBookmarksOnly() {
        assertThat(client.bookmarks(sam.id())).hasSize(2).isEqualTo(data.bookmarks(sam.id()))
                .extracting(Bookmark::bookmarkableType).containsExactly(Bookmark.PAGE, Bookmark.TAG);
        assertThatThrownBy(() -> client.bookmarks(alex.id()))
                .isInstanceOfSatisfying(BackpackException.class, e -> assertThat(e.kind()).isEqualTo(Kind.AUTHENTICATION))
                .hasMessageContaining("HTTP 403");
    }

    @Test
    void exportsAUserWithTheAccountsOwnPagesAndTheirReminders() {
        UserExport export = client.exportUser(sam.id());

        assertThat(export).isEqualTo(data.exportUser(sam.id()));
        assertThat(export.pages()).hasSize(9);
        for (Page page : export.pages()) {
            assertThat(page).isEqualTo(client.page(page.id()));
        }
        assertThat(export.reminders()).hasSize(4);
    }

    @Test
    void readsTheStatusesAndSetsItsOwn() {
        assertThat(client.statuses()).isEqualTo(data.statuses()).extracting(Status::userId).containsExactly(sam.id());
        assertThat(client.status(sam.id())).contains(data.status(sam.id()));
        assertThat(client.status(alex.id())).as("Alex never set a status").isEmpty();

        Status updated = client.updateStatus(sam.id(), "Off to Lisbon & Sintra");
        assertThat(updated.message()).isEqualTo("Off to Lisbon & Sintra");
        assertThat(client.status(sam.id())).contains(updated);
        assertThatThrownBy(() -> client.updateStatus(alex.id(), "not mine"))
                .isInstanceOfSatisfying(BackpackException.class, e -> assertThat(e.kind()).isEqualTo(Kind.AUTHENTICATION));
    }

    @Test
    void writesItsOwnJournal() {
        JournalEntry created = client.createJournalEntry(sam.id(), "Back home.\nLisbon was <3 & more");
        assertThat(client.journalEntries()).first().isEqualTo(created);

        JournalEntry updated = client.updateJournalEntry(created.id(), "Back home, tired.");
        assertThat(updated).extracting(JournalEntry::id, JournalEntry::body, JournalEntry::createdAt)
                .containsExactly(created.id(), "Back home, tired.", created.createdAt());
        assertThat(client.journalEntries(sam.id())).first().isEqualTo(updated);

        client.destroyJournalEntry(created.id());
        assertThat(client.journalEntries()).isEqualTo(data.journal().all()).hasSize(5);
        assertThatThrownBy(() -> client.createJournalEntry(alex.id(), "as Alex"))
                .isInstanceOfSatisfying(BackpackException.class, e -> assertThat(e.kind()).isEqualTo(Kind.AUTHENTICATION));
    }

    @Test
    void readsAJournalOfSeveralPagesAPageAtATimeUntilAShortPage() throws Exception {
        try (BackpackEmulator generated = BackpackEmulator.start(EmulatorConfig.defaults().withRateLimit(null)
                .withAccounts(List.of(new AccountSpec("gen", "250"))))) {
            BackpackEmulator.HostedAccount account = generated.account("gen");
            try (BackpackClient reader = new BackpackClient(AccountUrl.parse(account.baseUrl()), ApiToken.of(account.token()),
                    ClientSettings.defaults())) {
                long before = account.requestCount();

                List<JournalEntry> all = reader.journalEntries();

                assertThat(all).hasSize(250).isEqualTo(account.data().journal().all());
                assertThat(account.requestCount() - before).as("pages of 100, 100 and 50").isEqualTo(3);

                User owner = account.data().owner();
                assertThat(reader.journalEntries(owner.id()))
                        .isEqualTo(all.stream().filter(entry -> entry.userId() == owner.id()).toList());
            }
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aJournalServerThatIgnoresThePageNumberIsReadOnce() throws Exception {
        String entry = "<journal-entry><id type=\"integer\">%d</id><body>b</body><user-id type=\"integer\">1</user-id></journal-entry>";
        StringBuilder fullPage = new StringBuilder("<journal-entries type=\"array\">");
        for (int id = 1; id <= 100; id++) {
            fullPage.append(entry.formatted(id));
        }
        fullPage.append("</journal-entries>");
        try (ScriptedServer ignoresN = ScriptedServer.answering(200, fullPage.toString(), "Content-Type", "application/xml");
             BackpackClient stuck = new BackpackClient(AccountUrl.parse(ignoresN.accountUrl()),
                     ApiToken.of("0123456789abcdef0123456789abcdef01234567"), ClientSettings.defaults())) {

            assertThat(stuck.journalEntries()).extracting(JournalEntry::id).hasSize(100).doesNotHaveDuplicates();
            assertThat(ignoresN.requests()).isEqualTo(2);
        }
    }

    @Test
    void readsTheCalendarsWithoutTheirSharingTokensAndWritesEvents() {
        List<Calendar> calendars = client.calendars();
        assertThat(calendars).isEqualTo(data.calendars().all()).extracting(Calendar::name).containsExactly("Family", "Home");
        long family = calendars.get(0).id();
        long home = calendars.get(1).id();
        assertThat(client.calendarEvents(home)).isEqualTo(data.calendars().events(home)).hasSize(2);
        CalendarEvent plumber = client.calendarEvents(home).get(0);
        assertThat(client.calendarEvent(plumber.id())).isEqualTo(plumber);

        CalendarEvent created = client.createCalendarEvent(family, "12/31/2030 7pm New Year's Eve <party>", true);
        assertThat(created).isEqualTo(new CalendarEvent(created.id(), family, "New Year's Eve <party>", "2030-12-31T19:00:00Z", true));

        CalendarEvent moved = client.updateCalendarEvent(created.id(), home, "8pm New Year's Eve at home", false);
        assertThat(moved).isEqualTo(new CalendarEvent(created.id(), home, "New Year's Eve at home", "2030-12-31T20:00:00Z", false));
        assertThat(client.calendarEvents(home)).last().isEqualTo(moved);

        client.destroyCalendarEvent(created.id());
        assertThatThrownBy(() -> client.calendarEvent(created.id()))
                .isInstanceOfSatisfying(BackpackException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND));
    }
}
