package org.backpackbatch.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.backpackbatch.api.Secrets;
import org.backpackbatch.api.model.Calendar;
import org.backpackbatch.api.model.CalendarEvent;
import org.backpackbatch.api.xml.BackpackXmlReader;
import org.backpackbatch.api.xml.BackpackXmlWriter.CalendarSharing;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The calendar and calendar event endpoints (HTTP Basic, their own rate limit), over real HTTP against the demo account. */
class CalendarsEndpointTest {

    @RegisterExtension
    final LiveAccount acme = LiveAccount.demo();

    private Calendar family;
    private Calendar home;

    @BeforeEach
    void calendars() {
        family = acme.data().calendars().all().get(0);
        home = acme.data().calendars().all().get(1);
    }

    @Test
    void calendarsListsEachCalendarWithTheSharingTokenTheServiceSends() {
        CalendarSharing familySharing = acme.data().calendars().sharing().get(family.id());
        CalendarSharing homeSharing = acme.data().calendars().sharing().get(home.id());

        RawHttp.Reply reply = acme.basic("GET", "/calendars.xml", null);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo("<calendars type=\"array\">"
                + "<calendar><id type=\"integer\">" + family.id() + "</id><name>Family</name><color>#D96666</color>"
                + "<token>" + familySharing.token() + "</token><ical-subscription-url>webcal://acme.backpackit.com/calendars/" + family.id()
                + "/" + familySharing.token() + ".ics</ical-subscription-url><created-at type=\"datetime\">2006-01-08T10:12:00Z</created-at>"
                + "<updated-at type=\"datetime\">2008-04-02T12:41:27Z</updated-at></calendar>"
                + "<calendar><id type=\"integer\">" + home.id() + "</id><name>Home</name><color>#668CD9</color>"
                + "<token>" + homeSharing.token() + "</token><ical-subscription-url>webcal://acme.backpackit.com/calendars/" + home.id()
                + "/" + homeSharing.token() + ".ics</ical-subscription-url><created-at type=\"datetime\">2007-08-04T11:40:19Z</created-at>"
                + "<updated-at type=\"datetime\">2007-08-20T08:02:55Z</updated-at></calendar></calendars>");
        assertThat(familySharing.token()).matches("[0-9a-f]{40}").isNotEqualTo(homeSharing.token());
        assertThat(Secrets.leaksIn(reply.body())).as("the sharing tokens are registered secrets").isTrue();
    }

    @Test
    void eventsOfACalendarComeByTime() {
        RawHttp.Reply reply = acme.basic("GET", "/calendars/" + home.id() + "/calendar_events.xml", null);

        List<CalendarEvent> events = BackpackXmlReader.readCalendarEvents(LiveAccount.stream(reply.body()));
        LiveAccount.assertAnswer(reply, 200, "<calendar-events type=\"array\">"
                + eventXml(events.get(0).id(), home.id(), "Plumber: Dave Kowalski", "2007-08-20T09:00:00Z", true)
                + eventXml(events.get(1).id(), home.id(), "Electrician (Sparks &amp; Sons)", "2007-08-23T14:30:00Z", false)
                + "</calendar-events>");
        assertThat(BackpackXmlReader.readCalendarEvents(LiveAccount.stream(
                acme.basic("GET", "/calendars/" + family.id() + "/calendar_events.xml", null).body())))
                .extracting(CalendarEvent::title)
                .containsExactly("Fly to Lisbon (TP 1351)", "Mum's birthday", "Anna & Tom's wedding, St. Mary's");
        LiveAccount.assertAnswer(acme.basic("GET", "/calendars/999/calendar_events.xml", null), 404, LiveAccount.NOT_FOUND);
    }

    @Test
    void showAnswersOneEvent() {
        CalendarEvent plumber = acme.data().calendars().events(home.id()).get(0);

        LiveAccount.assertAnswer(acme.basic("GET", "/calendar_events/" + plumber.id() + ".xml", null), 200,
                eventXml(plumber.id(), home.id(), "Plumber: Dave Kowalski", "2007-08-20T09:00:00Z", true));
        LiveAccount.assertAnswer(acme.basic("GET", "/calendar_events/999.xml", null), 404, LiveAccount.NOT_FOUND);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "12/31/2030 7pm New Year's Eve      | New Year's Eve      | 2030-12-31T19:00:00Z",
        "2/29/2032 19:30 Leap day dinner    | Leap day dinner     | 2032-02-29T19:30:00Z",
        "5/14/2031 Dentist                  | Dentist             | 2031-05-14T00:00:00Z",
        "7/4/2031 12pm Picnic               | Picnic              | 2031-07-04T12:00:00Z",
        "7/4/2031 12am Fireworks            | Fireworks           | 2031-07-04T00:00:00Z",
        "1/2/2031 7:45 am Train to Porto    | Train to Porto      | 2031-01-02T07:45:00Z",
        "1/2/2031 7 Wonders night           | 7 Wonders night     | 2031-01-02T00:00:00Z",
        "3/9/2031                           | ''                  | 2031-03-09T00:00:00Z",
    })
    void createTakesTheDateAndTimeOffTheTitle(String title, String expectedTitle, String occursAt) {
        RawHttp.Reply reply = acme.basic("POST", "/calendar_events.xml",
                "<request><event><calendar-id>" + family.id() + "</calendar-id><title>" + title + "</title><remind>1</remind></event></request>");

        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        CalendarEvent created = BackpackXmlReader.readCalendarEvent(LiveAccount.stream(reply.body()));
        assertThat(reply.body()).isEqualTo(eventXml(created.id(), family.id(), LiveAccount.escaped(expectedTitle), occursAt, true));
        assertThat(acme.resolve(reply.header("Location"))).isEqualTo(acme.url("/calendar_events/" + created.id() + ".xml"));
        assertThat(acme.data().calendars().events(family.id())).contains(created);
    }

    @Test
    void aDateWithoutAYearIsItsNextOccurrenceAndNoDateIsToday() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate soon = today.plusDays(10);
        LocalDate yesterday = today.minusDays(1);

        assertThat(created(soon.getMonthValue() + "/" + soon.getDayOfMonth() + " 9pm Concert").occursAt()).isEqualTo(soon + "T21:00:00Z");
        assertThat(created(yesterday.getMonthValue() + "/" + yesterday.getDayOfMonth() + " Anniversary").occursAt())
                .isEqualTo(yesterday.plusYears(1) + "T00:00:00Z");
        assertThat(created("19:30 Dinner with Anna")).extracting(CalendarEvent::title, CalendarEvent::occursAt)
                .containsExactly("Dinner with Anna", today + "T19:30:00Z");
        assertThat(created("Lunch")).extracting(CalendarEvent::title, CalendarEvent::occursAt).containsExactly("Lunch", today + "T00:00:00Z");
        assertThat(created("2/30/2031 is no date")).extracting(CalendarEvent::title, CalendarEvent::occursAt)
                .containsExactly("2/30/2031 is no date", today + "T00:00:00Z");
        assertThat(created("13/1 is no date either").title()).isEqualTo("13/1 is no date either");
        assertThat(created("9/9/2031 25:00 is no time").title()).isEqualTo("25:00 is no time");
    }

    @Test
    void updateMovesTheEventByWhatItsTitleNamesAndKeepsTheRest() {
        CalendarEvent plumber = acme.data().calendars().events(home.id()).get(0);
        String path = "/calendar_events/" + plumber.id() + ".xml";

        RawHttp.Reply later = acme.basic("PUT", path, "<request><event><title>4pm Plumber, again</title></event></request>");

        LiveAccount.assertAnswer(later, 200, eventXml(plumber.id(), home.id(), "Plumber, again", "2007-08-20T16:00:00Z", true));
        assertThat(update(path, "<event><title>8/27/2007 Plumber, next week</title><remind>false</remind></event>"))
                .isEqualTo(new CalendarEvent(plumber.id(), home.id(), "Plumber, next week", "2007-08-27T16:00:00Z", false));
        assertThat(update(path, "<event><calendar-id>" + family.id() + "</calendar-id></event>"))
                .isEqualTo(new CalendarEvent(plumber.id(), family.id(), "Plumber, next week", "2007-08-27T16:00:00Z", false));
        LiveAccount.assertAnswer(acme.basic("PUT", path, "<event><calendar-id>999</calendar-id></event>"), 404, LiveAccount.NOT_FOUND);
    }

    @Test
    void deleteAnswers204() {
        CalendarEvent plumber = acme.data().calendars().events(home.id()).get(0);
        String path = "/calendar_events/" + plumber.id() + ".xml";

        RawHttp.Reply deleted = acme.basic("DELETE", path, null);

        assertThat(deleted.status()).isEqualTo(204);
        assertThat(deleted.body()).isEmpty();
        assertThat(acme.data().calendars().events(home.id())).extracting(CalendarEvent::id).doesNotContain(plumber.id());
        LiveAccount.assertAnswer(acme.basic("DELETE", path, null), 404, LiveAccount.NOT_FOUND);
        LiveAccount.assertAnswer(acme.basic("GET", path, null), 404, LiveAccount.NOT_FOUND);
    }

    @Test
    void anEventWithoutCalendarOrTitleOrWithAnUnreadableFlagIsBadInputAndAnUnknownCalendarNotFound() {
        LiveAccount.assertAnswer(acme.basic("POST", "/calendar_events.xml", "<request><event><title>T</title></event></request>"),
                500, LiveAccount.BAD_INPUT);
        LiveAccount.assertAnswer(acme.basic("POST", "/calendar_events.xml",
                "<request><event><calendar-id>" + family.id() + "</calendar-id></event></request>"), 500, LiveAccount.BAD_INPUT);
        LiveAccount.assertAnswer(acme.basic("POST", "/calendar_events.xml", "<request><event><calendar-id>" + family.id()
                + "</calendar-id><title>T</title><remind>maybe</remind></event></request>"), 500, LiveAccount.BAD_INPUT);
        LiveAccount.assertAnswer(acme.basic("POST", "/calendar_events.xml",
                "<request><event><calendar-id>999</calendar-id><title>T</title></event></request>"), 404, LiveAccount.NOT_FOUND);
    }

    @Test
    void calendarEndpointsAdmitTenInFiveSecondsThenAnswer503WithRetryAfterWhileTheOthersGoOn() throws IOException {
        try (LiveAccount limited = LiveAccount.start(EmulatorConfig.defaults(), "acme")) {
            long firstSent = System.nanoTime();
            for (int request = 1; request <= 10; request++) {
                String path = request % 2 == 0 ? "/calendars.xml" : "/calendars/" + family.id() + "/calendar_events.xml";
                assertThat(limited.basic("GET", path, null).status()).as("calendar request %d", request).isEqualTo(200);
            }
            RawHttp.Reply refused = limited.basic("GET", "/calendar_events/" + acme.data().calendars().events(home.id()).get(0).id() + ".xml",
                    null);
            double elapsedSeconds = (System.nanoTime() - firstSent) / 1e9;

            assertThat(elapsedSeconds).as("the test needs all 11 requests inside the window").isLessThan(4.5);
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.body()).doesNotContain("<response");
            assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween((long) Math.ceil(5 - elapsedSeconds), 5L);
            assertThat(limited.basic("PUT", "/users/" + limited.data().owner().id() + "/status.xml",
                    "<status><message>not a calendar</message></status>").status()).isEqualTo(200);
            assertThat(limited.underToken("GET", "/users.xml", null).status()).isEqualTo(200);
        }
    }

    private CalendarEvent created(String title) {
        RawHttp.Reply reply = acme.basic("POST", "/calendar_events.xml", "<request><event><calendar-id>" + family.id()
                + "</calendar-id><title>" + LiveAccount.escaped(title) + "</title></event></request>");
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return BackpackXmlReader.readCalendarEvent(LiveAccount.stream(reply.body()));
    }

    private CalendarEvent update(String path, String event) {
        RawHttp.Reply reply = acme.basic("PUT", path, event);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return BackpackXmlReader.readCalendarEvent(LiveAccount.stream(reply.body()));
    }

    private static String eventXml(long id, long calendarId, String title, String occursAt, boolean remind) {
        return "<calendar-event><id type=\"integer\">" + id + "</id><calendar-id type=\"integer\">" + calendarId + "</calendar-id>"
                + "<title>" + title + "</title><occurs-at type=\"datetime\">" + occursAt + "</occurs-at>"
                + "<remind type=\"boolean\">" + remind + "</remind></calendar-event>";
    }
}
