package org.backpackbatch.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.backpackbatch.api.model.Page;
import org.backpackbatch.api.model.PageSummary;
import org.backpackbatch.api.model.Reminder;
import org.backpackbatch.api.model.Scope;
import org.backpackbatch.api.model.Tag;
import org.backpackbatch.api.model.User;
import org.backpackbatch.api.model.UserExport;
import org.backpackbatch.api.xml.BackpackXmlReader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The endpoints that carry the token in their path, {@code /{token}/...}: users, me, reminders,
 * bookmarks and the whole-user export, over real HTTP against the demo account.
 */
class UsersRemindersBookmarksEndpointTest {

    private static final String ISO_TIME = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ";

    @RegisterExtension
    final LiveAccount acme = LiveAccount.demo();

    private User sam;
    private User alex;

    @BeforeEach
    void users() {
        sam = acme.data().users().get(0);
        alex = acme.data().users().get(1);
    }

    // ---- authentication -----------------------------------------------------------------

    @Test
    void theTokenInThePathLetsInAndAnyOtherTokenThereIsRefused() {
        assertThat(acme.underToken("GET", "/users.xml", null).status()).isEqualTo(200);

        String wrong = "0123456789abcdef0123456789abcdef01234567";
        LiveAccount.assertAnswer(RawHttp.send("GET", acme.url("/" + wrong + "/users.xml"), null), 401, LiveAccount.ACCESS_DENIED);
        // the right token by HTTP Basic does not make up for a wrong one in the path
        LiveAccount.assertAnswer(RawHttp.send("GET", acme.url("/" + wrong + "/reminders.xml"), null, RawHttp.basic(acme.token())),
                401, LiveAccount.ACCESS_DENIED);
        LiveAccount.assertAnswer(RawHttp.send("GET", acme.url("/" + wrong + "/me.xml"), "<request><token>" + acme.token()
                + "</token></request>"), 401, LiveAccount.ACCESS_DENIED);
    }

    // ---- users --------------------------------------------------------------------------

    @Test
    void usersListsTheAccountsUsersOwnerFirstInWellFormedRailsXml() {
        RawHttp.Reply reply = acme.underToken("GET", "/users.xml", null);

        LiveAccount.assertAnswer(reply, 200, "<users type=\"array\">"
                + "<user><id type=\"integer\">" + sam.id() + "</id><name>Sam Harper</name></user>"
                + "<user><id type=\"integer\">" + alex.id() + "</id><name>Alex Harper</name></user></users>");
        assertThat(reply.header("Content-Type")).startsWith("application/xml");
    }

    @Test
    void meIsTheTokensUserWithItsStartPageWhileThatPageExists() {
        long lisbon = acme.pageId("Lisbon & Sintra, May 2007");

        LiveAccount.assertAnswer(acme.underToken("GET", "/me.xml", null), 200, "<user><id type=\"integer\">" + sam.id() + "</id>"
                + "<name>Sam Harper</name><email>sam.harper@example.com</email>"
                + "<start-page-id type=\"integer\">" + lisbon + "</start-page-id><time-zone>UTC</time-zone></user>");

        acme.done("/ws/page/" + lisbon + "/destroy", "");

        assertThat(acme.underToken("GET", "/me.xml", null).body()).contains("<start-page-id type=\"integer\" nil=\"true\"/>");
    }

    // ---- reminders ----------------------------------------------------------------------

    @Test
    void remindersListsOnlyTheUpcomingOnesEarliestFirstInTheReferencesShape() {
        String body = acme.underToken("GET", "/reminders.xml", null).body();

        List<Reminder> upcoming = BackpackXmlReader.readReminders(LiveAccount.stream(body));
        assertThat(upcoming).extracting(Reminder::content).containsExactly("Call Dave about the plumbing quote",
                "Renew passport before the trip", "RSVP to Anna & Tom: the wedding is on the 17th");
        Reminder first = upcoming.get(0);
        assertThat(first.remindAt()).matches(ISO_TIME);
        assertThat(Instant.parse(first.remindAt())).isAfter(Instant.now());
        assertThat(body).startsWith("<reminders><reminder id='" + first.id() + "'><remind_at>" + first.remindAt() + "</remind_at>"
                + "<content>Call Dave about the plumbing quote</content><creator id='" + sam.id() + "' name='Sam Harper'/>"
                + "<remindees><user id='" + alex.id() + "' name='Alex Harper'/></remindees></reminder><reminder id=");

        Reminder past = created("<reminder><remind_at>2007-05-01T09:00:00Z</remind_at><content>Long gone</content></reminder>");
        Reminder between = created("<reminder><remind_at>" + Instant.parse(first.remindAt()).plus(Duration.ofMinutes(1))
                + "</remind_at><content>Soon after</content></reminder>");

        assertThat(reminders()).extracting(Reminder::id)
                .containsExactly(first.id(), between.id(), upcoming.get(1).id(), upcoming.get(2).id())
                .doesNotContain(past.id());
    }

    @Test
    void createAnswers201WithLocationAndTheReminder() {
        RawHttp.Reply reply = acme.underToken("POST", "/reminders.xml", "<reminder><remind_at>2031-05-14T09:00:00Z</remind_at>"
                + "<content>Dentist &amp; X-ray</content><remindees type=\"array\"><user_id>" + alex.id() + "</user_id></remindees></reminder>");

        assertThat(reply.status()).isEqualTo(201);
        Reminder created = BackpackXmlReader.readReminder(LiveAccount.stream(reply.body()));
        assertThat(reply.body()).isEqualTo("<reminder id='" + created.id() + "'><remind_at>2031-05-14T09:00:00Z</remind_at>"
                + "<content>Dentist &amp; X-ray</content><creator id='" + sam.id() + "' name='Sam Harper'/>"
                + "<remindees><user id='" + alex.id() + "' name='Alex Harper'/></remindees></reminder>");
        assertThat(acme.resolve(reply.header("Location"))).isEqualTo(acme.url("/" + acme.token() + "/reminders/" + created.id() + ".xml"));
        assertThat(reminders()).contains(created);
    }

    @Test
    void aNewReminderWithoutTimeIsDueInAnHourAndWithoutRemindeesRemindsItsCreator() {
        Instant before = Instant.now();

        Reminder created = created("<reminder><content>Water the tomatoes</content></reminder>");

        assertThat(Instant.parse(created.remindAt())).isBetween(before.plus(Duration.ofMinutes(59)), Instant.now().plus(Duration.ofHours(1)));
        assertThat(created.remindees()).containsExactly(sam);
        assertThat(created("<reminder><remind_at>2031-05-14 09:00:00</remind_at><content>ws time</content></reminder>").remindAt())
                .isEqualTo("2031-05-14T09:00:00Z");
        assertThat(created("<reminder><remind_at>2031-05-14T11:00:00+02:00</remind_at><content>offset</content></reminder>").remindAt())
                .isEqualTo("2031-05-14T09:00:00Z");
    }

    @Test
    void updateChangesWhatIsGivenAndDeleteAnswers204() {
        Reminder created = created("<reminder><remind_at>2031-05-14T09:00:00Z</remind_at><content>Dentist</content></reminder>");
        String path = "/reminders/" + created.id() + ".xml";

        RawHttp.Reply updated = acme.underToken("PUT", path, "<reminder><content>Dentist, 2nd floor</content>"
                + "<remindees type=\"array\"><user_id>" + sam.id() + "</user_id><user_id>" + alex.id() + "</user_id></remindees></reminder>");

        LiveAccount.assertAnswer(updated, 200, "<reminder id='" + created.id() + "'><remind_at>2031-05-14T09:00:00Z</remind_at>"
                + "<content>Dentist, 2nd floor</content><creator id='" + sam.id() + "' name='Sam Harper'/><remindees>"
                + "<user id='" + sam.id() + "' name='Sam Harper'/><user id='" + alex.id() + "' name='Alex Harper'/></remindees></reminder>");

        RawHttp.Reply deleted = acme.underToken("DELETE", path, null);
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(deleted.body()).isEmpty();
        assertThat(reminders()).extracting(Reminder::id).doesNotContain(created.id());
        LiveAccount.assertAnswer(acme.underToken("DELETE", path, null), 404, LiveAccount.NOT_FOUND);
        LiveAccount.assertAnswer(acme.underToken("PUT", path, "<reminder><content>x</content></reminder>"), 404, LiveAccount.NOT_FOUND);
    }

    @Test
    void aReminderWithoutContentOrWithAnUnreadableTimeIsBadInputAndAnUnknownRemindeeNotFound() {
        LiveAccount.assertAnswer(acme.underToken("POST", "/reminders.xml", "<reminder><remind_at>2031-05-14T09:00:00Z</remind_at></reminder>"),
                500, LiveAccount.BAD_INPUT);
        LiveAccount.assertAnswer(acme.underToken("POST", "/reminders.xml", "<reminder><remind_at>next Tuesday</remind_at>"
                + "<content>x</content></reminder>"), 500, LiveAccount.BAD_INPUT);
        LiveAccount.assertAnswer(acme.underToken("POST", "/reminders.xml", "<reminder><content>x</content>"
                + "<remindees type=\"array\"><user_id>999</user_id></remindees></reminder>"), 404, LiveAccount.NOT_FOUND);
    }

    // ---- bookmarks ----------------------------------------------------------------------

    @Test
    void bookmarksAreTheTokensUsersOwnAPageAndATag() {
        long lisbon = acme.pageId("Lisbon & Sintra, May 2007");
        Tag travel = acme.page(lisbon).tags().get(0);
        String body = acme.underToken("GET", "/users/" + sam.id() + "/bookmarks.xml", null).body();

        long first = BackpackXmlReader.readBookmarks(LiveAccount.stream(body)).get(0).id();
        assertThat(body).isEqualTo("<bookmarks type=\"array\">"
                + "<bookmark><id type=\"integer\">" + first + "</id><user-id type=\"integer\">" + sam.id() + "</user-id>"
                + "<bookmarkable-type>Page</bookmarkable-type><bookmarkable-id type=\"integer\">" + lisbon + "</bookmarkable-id>"
                + "<position type=\"integer\">1</position></bookmark>"
                + "<bookmark><id type=\"integer\">" + (first + 1) + "</id><user-id type=\"integer\">" + sam.id() + "</user-id>"
                + "<bookmarkable-type>Tag</bookmarkable-type><bookmarkable-id type=\"integer\">" + travel.id() + "</bookmarkable-id>"
                + "<position type=\"integer\">2</position></bookmark></bookmarks>");
        assertThat(travel.name()).isEqualTo("Travel");
    }

    @Test
    void anotherUsersBookmarksAreForbiddenAndAnUnknownUsersNotFound() {
        LiveAccount.assertAnswer(acme.underToken("GET", "/users/" + alex.id() + "/bookmarks.xml", null), 403, LiveAccount.FORBIDDEN);
        LiveAccount.assertAnswer(acme.underToken("GET", "/users/999/bookmarks.xml", null), 404, LiveAccount.NOT_FOUND);
    }

    @Test
    void aBookmarkGoesWithItsPage() {
        long lisbon = acme.pageId("Lisbon & Sintra, May 2007");

        acme.done("/ws/page/" + lisbon + "/destroy", "");

        assertThat(acme.underToken("GET", "/users/" + sam.id() + "/bookmarks.xml", null).body())
                .doesNotContain("<bookmarkable-type>Page</bookmarkable-type>").contains("<bookmarkable-type>Tag</bookmarkable-type>");
    }

    // ---- whole-user export --------------------------------------------------------------

    @Test
    void exportHoldsTheUserTheAccountsOwnPagesAndAllTheUsersRemindersPastOnesToo() {
        String body = acme.underToken("GET", "/users/" + alex.id() + "/export.xml", null).body();

        UserExport export = BackpackXmlReader.readUserExport(LiveAccount.stream(body));
        List<PageSummary> own = acme.data().allPages().stream().filter(page -> page.scope() == Scope.PERSONAL).toList();
        assertThat(body).startsWith("<user id='" + alex.id() + "' name='Alex Harper' account='acme'><pages><page id='" + own.get(0).id()
                + "' title='Lisbon &amp; Sintra, May 2007' email_address=");
        assertThat(export.user()).isEqualTo(alex);
        assertThat(export.account()).isEqualTo("acme");
        assertThat(export.pages()).extracting(Page::id).containsExactlyElementsOf(own.stream().map(PageSummary::id).toList());
        for (Page page : export.pages()) {
            assertThat(page).isEqualTo(acme.data().page(page.id()));
        }
        assertThat(export.reminders()).extracting(Reminder::content)
                .containsExactly("Call Dave about the plumbing quote", "RSVP to Anna & Tom: the wedding is on the 17th");

        UserExport samsExport = BackpackXmlReader.readUserExport(LiveAccount.stream(
                acme.underToken("GET", "/users/" + sam.id() + "/export.xml", null).body()));
        assertThat(samsExport.reminders()).extracting(Reminder::content).containsExactly("Book the hotel in Lisbon",
                "Call Dave about the plumbing quote", "Renew passport before the trip", "RSVP to Anna & Tom: the wedding is on the 17th");
        LiveAccount.assertAnswer(acme.underToken("GET", "/users/999/export.xml", null), 404, LiveAccount.NOT_FOUND);
    }

    private Reminder created(String reminder) {
        RawHttp.Reply reply = acme.underToken("POST", "/reminders.xml", reminder);
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return BackpackXmlReader.readReminder(LiveAccount.stream(reply.body()));
    }

    private List<Reminder> reminders() {
        return BackpackXmlReader.readReminders(LiveAccount.stream(acme.underToken("GET", "/reminders.xml", null).body()));
    }
}
