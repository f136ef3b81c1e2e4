package org.backpackbatch.api;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * How an event's time travels through the API. Its create and update requests carry no date: like
 * the service's own entry field, a title that begins with {@code M/D/YYYY H:MM} sets the event's
 * day and time, to the minute, and is titled with the rest. Times are written in UTC, the time zone
 * the emulator reads titles in.
 */
public final class EventTitles {

    private EventTitles() {
    }

    /**
     * The title to send so that the event is titled {@code title} and occurs at {@code occursAt}
     * (ISO-8601) to the minute; {@code title} alone when it has no time that can be read.
     */
    public static String dated(String title, String occursAt) {
        Instant instant = instant(occursAt);
        if (instant == null) {
            return title;
        }
        LocalDateTime at = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
        return at.getMonthValue() + "/" + at.getDayOfMonth() + "/" + at.getYear() + " " + at.getHour() + ":"
                + String.format(Locale.ROOT, "%02d", at.getMinute()) + (title.isEmpty() ? "" : " " + title);
    }

    /** When an event sent with {@link #dated} occurs: {@code occursAt} to the minute, as the API writes it; null when it has no time. */
    public static String toTheMinute(String occursAt) {
        Instant instant = instant(occursAt);
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MINUTES).toString();
    }

    /** Whether {@code occursAt} has seconds, which no title can give an event. */
    public static boolean hasSeconds(String occursAt) {
        Instant instant = instant(occursAt);
        return instant != null && !instant.equals(instant.truncatedTo(ChronoUnit.MINUTES));
    }

    private static Instant instant(String isoTime) {
        if (isoTime == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(isoTime.strip()).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
