package org.backpackbatch.api.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.backpackbatch.api.xml.XmlBodies.body;
import static org.backpackbatch.api.xml.XmlBodies.written;

import java.util.List;
import java.util.Map;
import org.backpackbatch.api.BackpackErrorException;
import org.backpackbatch.api.model.Bookmark;
import org.backpackbatch.api.model.Calendar;
import org.backpackbatch.api.model.CalendarEvent;
import org.backpackbatch.api.model.CurrentUser;
import org.backpackbatch.api.model.JournalEntry;
import org.backpackbatch.api.model.Page;
import org.backpackbatch.api.model.Reminder;
import org.backpackbatch.api.model.Status;
import org.backpackbatch.api.model.User;
import org.backpackbatch.api.model.UserExport;
import org.backpackbatch.api.xml.BackpackXmlWriter.CalendarSharing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The whole account's resources through the one writer and the one reader: what is written reads
 * back equal, the shapes the reference prints are read, and a calendar's credentials are never read.
 */
class BackpackXmlAccountTest {

    private static final User SAM = new User(1, "Sam Harper");
    private static final User ALEX = new User(2, "Alex Harper");
    private static final String SHARING_TOKEN = "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c";

    static List<String> trickyTexts() {
        return BackpackXmlReaderRoundTripTest.trickyTexts().toList();
    }

    @ParameterizedTest
    @MethodSource("trickyTexts")
    void everyResourceReadsBackAsItWasWritten(String text) {
        List<User> users = List.of(SAM, new User(2, text));
        CurrentUser me = new CurrentUser(1, text, text, 42L, text);
        Reminder reminder = new Reminder(5, "2031-05-14T09:00:00Z", text, new User(2, text), List.of(SAM, new User(2, text)));
        JournalEntry entry = new JournalEntry(6, 2, text, text, "2007-03-12T21:45:03Z", "2007-03-13T08:00:00Z");
        Status status = new Status(7, 1, text, text, "2007-08-11T09:20:44Z");
        Calendar calendar = new Calendar(8, text, text, "2006-01-08T10:12:00Z", "2008-04-02T12:41:27Z");
        CalendarEvent event = new CalendarEvent(9, 8, text, "2008-05-17T14:00:00Z", true);
        Bookmark bookmark = new Bookmark(10, 1, Bookmark.TAG, 4, 3);
        Page page = BackpackXmlReaderRoundTripTest.fullPage(text).withScope(null);

        assertThat(BackpackXmlReader.readUsers(written(w -> w.users(users)))).isEqualTo(users);
        assertThat(BackpackXmlReader.readCurrentUser(written(w -> w.currentUser(me)))).isEqualTo(me);
        assertThat(BackpackXmlReader.readReminders(written(w -> w.reminders(List.of(reminder))))).containsExactly(reminder);
        assertThat(BackpackXmlReader.readReminder(written(w -> w.reminder(reminder)))).isEqualTo(reminder);
        assertThat(BackpackXmlReader.readJournalEntries(written(w -> w.journalEntries(List.of(entry, entry))))).containsExactly(entry, entry);
        assertThat(BackpackXmlReader.readJournalEntry(written(w -> w.journalEntry(entry)))).isEqualTo(entry);
        assertThat(BackpackXmlReader.readStatuses(written(w -> w.statuses(List.of(status))))).containsExactly(status);
        assertThat(BackpackXmlReader.readStatus(written(w -> w.status(status)))).isEqualTo(status);
        assertThat(BackpackXmlReader.readCalendars(written(w -> w.calendars(List.of(calendar), Map.of())))).containsExactly(calendar);
        assertThat(BackpackXmlReader.readCalendarEvents(written(w -> w.calendarEvents(List.of(event))))).containsExactly(event);
        assertThat(BackpackXmlReader.readCalendarEvent(written(w -> w.calendarEvent(event)))).isEqualTo(event);
        assertThat(BackpackXmlReader.readBookmarks(written(w -> w.bookmarks(List.of(bookmark))))).containsExactly(bookmark);
        UserExport export = new UserExport(new User(2, text), text, List.of(page), List.of(reminder));
        assertThat(BackpackXmlReader.readUserExport(written(w -> w.userExport(export)))).isEqualTo(export);
    }

    @Test
    void missingValuesAreWrittenAsRailsNilsAndReadBackAsNull() {
        CurrentUser withoutStartPage = new CurrentUser(1, "Sam", "sam@example.com", null, "UTC");
        Status neverUpdated = new Status(7, 1, "Sam", "hi", null);

        assertThat(XmlBodies.writtenBytes(w -> w.currentUser(withoutStartPage))).asString()
                .contains("<start-page-id type=\"integer\" nil=\"true\"/>");
        assertThat(BackpackXmlReader.readCurrentUser(written(w -> w.currentUser(withoutStartPage)))).isEqualTo(withoutStartPage);
        assertThat(BackpackXmlReader.readStatus(written(w -> w.status(neverUpdated)))).isEqualTo(neverUpdated);
    }

    @Test
    void aCalendarsSharingTokenIsWrittenOnlyWhenGivenAndNeverRead() {
        Calendar family = new Calendar(8, "Family", "#D96666", "2006-01-08T10:12:00Z", "2008-04-02T12:41:27Z");
        CalendarSharing sharing = new CalendarSharing(SHARING_TOKEN, "webcal://acme.backpackit.com/calendars/8/" + SHARING_TOKEN + ".ics");

        String served = new String(XmlBodies.writtenBytes(w -> w.calendars(List.of(family), Map.of(8L, sharing))));
        String archived = new String(XmlBodies.writtenBytes(w -> w.calendars(List.of(family), Map.of())));

        assertThat(served).contains("<token>" + SHARING_TOKEN + "</token>", "<ical-subscription-url>webcal://");
        assertThat(archived).doesNotContain("token", "ical").isEqualTo("<calendars type=\"array\"><calendar><id type=\"integer\">8</id>"
                + "<name>Family</name><color>#D96666</color><created-at type=\"datetime\">2006-01-08T10:12:00Z</created-at>"
                + "<updated-at type=\"datetime\">2008-04-02T12:41:27Z</updated-at></calendar></calendars>");
        List<Calendar> read = BackpackXmlReader.readCalendars(body(served));
        assertThat(read).containsExactly(family);
        assertThat(read.toString()).doesNotContain(SHARING_TOKEN);
    }

    @Test
    void readsTheReferencesRemindersShapeWithEitherQuote() {
        Reminder reminder = BackpackXmlReader.readReminder(body("""
                <?xml version="1.0" encoding="UTF-8"?>
                <reminder id="5">
                  <remind_at>2006-09-27T20:32:15Z</remind_at>
                  <content>Pick up milk</content>
                  <creator id='1' name="Sam Harper"/>
                  <remindees><user id="1" name='Sam Harper'/><user id="2" name="Alex Harper"/></remindees>
                </reminder>"""));

        assertThat(reminder).isEqualTo(new Reminder(5, "2006-09-27T20:32:15Z", "Pick up milk", SAM, List.of(SAM, ALEX)));
    }

    @Test
    void readsRailsAnswersWithUnknownFieldsSkippedAndNumbersPadded() {
        List<JournalEntry> entries = BackpackXmlReader.readJournalEntries(body("""
                <journal-entries type="array">
                  <journal-entry>
                    <body>Thinking about lunch</body>
                    <created-at type="datetime">2008-01-14T14:00:00Z</created-at>
                    <id type="integer"> 11 </id>
                    <mood>hungry</mood>
                    <updated-at type="datetime">2008-01-14T14:00:00Z</updated-at>
                    <user-id type="integer">1</user-id>
                    <user><id type="integer">1</id><name>Sam Harper</name><email>sam@example.com</email></user>
                  </journal-entry>
                </journal-entries>"""));

        assertThat(entries).containsExactly(new JournalEntry(11, 1, "Sam Harper", "Thinking about lunch", "2008-01-14T14:00:00Z",
                "2008-01-14T14:00:00Z"));
    }

    @Test
    void aMissingOrMalformedIdOrFlagIsMalformedNamingTheField() {
        assertThatThrownBy(() -> BackpackXmlReader.readUsers(body("<users type=\"array\"><user><name>Sam</name></user></users>")))
                .isInstanceOf(MalformedXmlException.class).hasMessageContaining("<id> of <user> is missing");
        assertThatThrownBy(() -> BackpackXmlReader.readCalendarEvent(body("<calendar-event><id type=\"integer\">9</id>"
                + "<calendar-id type=\"integer\">8</calendar-id><remind type=\"boolean\">yes</remind></calendar-event>")))
                .isInstanceOf(MalformedXmlException.class).hasMessageContaining("<remind> of <calendar-event> is neither true nor false");
        assertThatThrownBy(() -> BackpackXmlReader.readReminder(body("<reminder id='5'><content>c</content></reminder>")))
                .isInstanceOf(MalformedXmlException.class).hasMessageContaining("has no <creator>");
        assertThatThrownBy(() -> BackpackXmlReader.readBookmarks(body("<bookmarks><bookmark><id>1</id><user-id>1</user-id>"
                + "<bookmarkable-id>4</bookmarkable-id><position>x</position></bookmark></bookmarks>")))
                .isInstanceOf(MalformedXmlException.class).hasMessageContaining("<position> of <bookmark> is not a number");
    }

    @Test
    void theReferencesOwnExamplesClosedWithTheWrongTagAreMalformedNotMisread() {
        assertThatThrownBy(() -> BackpackXmlReader.readUsers(body("<users type=\"array\"><user><id>1</id><name>Sam</name></item></users>")))
                .isInstanceOf(MalformedXmlException.class);
    }

    @Test
    void aFailureAnswerInPlaceOfAResourceIsTheServersError() {
        assertThatThrownBy(() -> BackpackXmlReader.readStatus(body(
                "<response success='false'><error code='404'>Record not found</item></response>")))
                .isInstanceOfSatisfying(BackpackErrorException.class, e -> assertThat(e.code()).isEqualTo(404));
        assertThatThrownBy(() -> BackpackXmlReader.readBookmarks(body(
                "<response success='false'><error code='403'>Forbidden</error></response>")))
                .isInstanceOfSatisfying(BackpackErrorException.class, e -> assertThat(e.code()).isEqualTo(403));
    }

    @Test
    void aDtdOrAnEntityInAResourceIsRefused() {
        assertThatThrownBy(() -> BackpackXmlReader.readUsers(body(
                "<!DOCTYPE users [<!ENTITY x SYSTEM 'file:///etc/passwd'>]><users><user><id>1</id><name>&x;</name></user></users>")))
                .isInstanceOf(MalformedXmlException.class);
        assertThatThrownBy(() -> BackpackXmlReader.readJournalEntries(body(
                "<journal-entries><journal-entry><id>1</id><user-id>1</user-id><body>&lol;</body></journal-entry></journal-entries>")))
                .isInstanceOf(MalformedXmlException.class);
    }
}
