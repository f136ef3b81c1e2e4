package org.backpackbatch.emulator;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.backpackbatch.api.Secrets;
import org.backpackbatch.api.model.Calendar;
import org.backpackbatch.api.model.CalendarEvent;
import org.backpackbatch.api.xml.BackpackXmlWriter.CalendarSharing;

/**
 * An account's calendars and their events. Each calendar gets a random sharing token when the
 * emulator starts, a credential like the account's own: it is registered as a secret, so that the
 * suite's leak check covers it. Every method is atomic.
 */
public final class Calendars {

    private static final Comparator<CalendarEvent> BY_TIME = Comparator.comparing(CalendarEvent::occursAt)
            .thenComparingLong(CalendarEvent::id);

    private final LongSupplier ids;
    private final Clock clock;
    private final Map<Long, Calendar> calendars = new LinkedHashMap<>();
    private final Map<Long, CalendarSharing> sharing = new LinkedHashMap<>();
    private final Map<Long, CalendarEvent> events = new LinkedHashMap<>();

    Calendars(String accountName, List<Calendar> seededCalendars, List<CalendarEvent> seededEvents, LongSupplier ids, Clock clock) {
        this.ids = ids;
        this.clock = clock;
        SecureRandom random = new SecureRandom();
        for (Calendar calendar : seededCalendars) {
            calendars.put(calendar.id(), calendar);
            byte[] tokenBytes = new byte[20];
            random.nextBytes(tokenBytes);
            String token = HexFormat.of().formatHex(tokenBytes);
            Secrets.register(token);
            sharing.put(calendar.id(), new CalendarSharing(token,
                    "webcal://" + accountName + ".backpackit.com/calendars/" + calendar.id() + "/" + token + ".ics"));
        }
        seededEvents.forEach(event -> events.put(event.id(), event));
    }

    public synchronized List<Calendar> all() {
        return List.copyOf(calendars.values());
    }

    /** Each calendar's sharing token and iCal URL, by calendar id: fixed once the emulator runs. */
    Map<Long, CalendarSharing> sharing() {
        return Collections.unmodifiableMap(sharing);
    }

    /** The calendar's events by time, then id. */
    public synchronized List<CalendarEvent> events(long calendarId) {
        existingCalendar(calendarId);
        return events.values().stream().filter(event -> event.calendarId() == calendarId).sorted(BY_TIME).toList();
    }

    public synchronized CalendarEvent event(long eventId) {
        CalendarEvent event = events.get(eventId);
        if (event == null) {
            throw EmulatorError.notFound();
        }
        return event;
    }

    /** A new event, on the date and at the time its title begins with (else today, at midnight). */
    synchronized CalendarEvent create(long calendarId, String title, boolean remind) {
        existingCalendar(calendarId);
        LocalDate today = LocalDate.now(clock);
        EventTitle entry = EventTitle.parse(title, today);
        CalendarEvent event = new CalendarEvent(ids.getAsLong(), calendarId, entry.title(),
                IsoTime.format(entry.occursAt(today.atStartOfDay())), remind);
        events.put(event.id(), event);
        return event;
    }

    /**
     * Changes what is given: another calendar, a new title (whose leading date and time move the
     * event, the parts it leaves out staying as they were), the reminder flag.
     */
    synchronized CalendarEvent update(long eventId, Long calendarId, String title, Boolean remind) {
        CalendarEvent old = event(eventId);
        if (calendarId != null) {
            existingCalendar(calendarId);
        }
        String newTitle = old.title();
        String occursAt = old.occursAt();
        if (title != null) {
            EventTitle entry = EventTitle.parse(title, LocalDate.now(clock));
            LocalDateTime base = IsoTime.utc(old.occursAt());
            newTitle = entry.title();
            occursAt = IsoTime.format(entry.occursAt(base));
        }
        CalendarEvent updated = new CalendarEvent(eventId, calendarId == null ? old.calendarId() : calendarId, newTitle, occursAt,
                remind == null ? old.remind() : remind);
        events.put(eventId, updated);
        return updated;
    }

    synchronized void destroy(long eventId) {
        event(eventId);
        events.remove(eventId);
    }

    private void existingCalendar(long calendarId) {
        if (!calendars.containsKey(calendarId)) {
            throw EmulatorError.notFound();
        }
    }
}
