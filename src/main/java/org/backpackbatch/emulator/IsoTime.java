package org.backpackbatch.emulator;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * Times as the REST-style endpoints write them: ISO-8601 in UTC to the second,
 * {@code 2006-09-27T20:32:15Z}. Written in that one form, they also sort as text in time order.
 */
final class IsoTime {

    private static final DateTimeFormatter WS_FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    private IsoTime() {
    }

    static String now(Clock clock) {
        return format(Instant.now(clock));
    }

    static String format(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    static String format(LocalDateTime utc) {
        return format(utc.toInstant(ZoneOffset.UTC));
    }

    static LocalDateTime utc(String isoTime) {
        return LocalDateTime.ofInstant(Instant.parse(isoTime), ZoneOffset.UTC);
    }

    /**
     * A time a client sent: ISO-8601 with {@code Z} or an offset, or the {@code /ws} form
     * {@code 2007-05-14 09:00:00} read as UTC; anything else is bad input.
     */
    static Instant parse(String text) {
        String trimmed = text.strip();
        try {
            return OffsetDateTime.parse(trimmed).toInstant();
        } catch (DateTimeParseException notIso) {
            try {
                return LocalDateTime.parse(trimmed, WS_FORMAT).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException notWs) {
                throw EmulatorError.badInput();
            }
        }
    }
}
