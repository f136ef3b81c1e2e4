package org.backpackbatch.emulator;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.MonthDay;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A calendar event's title as the service's natural-language entry reads it, as far as the
 * emulator goes: a leading {@code M/D} or {@code M/D/YYYY}, then a time ({@code 7pm},
 * {@code 7:30 am}, {@code 19:30}), each optional, taken off the title. The create and update
 * requests carry no date, so this is where an event's time comes from. A date that does not exist
 * ({@code 2/30}) is not a date: it stays in the title.
 */
record EventTitle(String title, LocalDate date, LocalTime time) {

    private static final Pattern DATE = Pattern.compile("(\\d{1,2})/(\\d{1,2})(?:/(\\d{4}))?(?:\\s+|$)");
    private static final Pattern TIME = Pattern.compile("(?:(\\d{1,2})(?::(\\d{2}))?\\s*([ap]m)|(\\d{1,2}):(\\d{2}))(?:\\s+|$)",
            Pattern.CASE_INSENSITIVE);
    /** How far ahead a yearless 2/29 may look for its next year. */
    private static final int YEARS_TO_A_LEAP_DAY = 8;

    /** {@code today} decides the year of a date given without one: its next occurrence, today included. */
    static EventTitle parse(String text, LocalDate today) {
        String rest = text.strip();
        LocalDate date = null;
        Matcher dateMatch = DATE.matcher(rest);
        if (dateMatch.lookingAt()) {
            date = date(dateMatch, today);
            if (date != null) {
                rest = rest.substring(dateMatch.end());
            }
        }
        LocalTime time = null;
        Matcher timeMatch = TIME.matcher(rest);
        if (timeMatch.lookingAt()) {
            time = time(timeMatch);
            if (time != null) {
                rest = rest.substring(timeMatch.end());
            }
        }
        return new EventTitle(rest, date, time);
    }

    /** When the event occurs: the date and time the title names, the rest taken from {@code base}. */
    LocalDateTime occursAt(LocalDateTime base) {
        return LocalDateTime.of(date != null ? date : base.toLocalDate(), time != null ? time : base.toLocalTime());
    }

    private static LocalDate date(Matcher match, LocalDate today) {
        int month = Integer.parseInt(match.group(1));
        int day = Integer.parseInt(match.group(2));
        try {
            if (match.group(3) != null) {
                return LocalDate.of(Integer.parseInt(match.group(3)), month, day);
            }
            MonthDay monthDay = MonthDay.of(month, day);
            for (int year = today.getYear(); year <= today.getYear() + YEARS_TO_A_LEAP_DAY; year++) {
                if (monthDay.isValidYear(year) && !monthDay.atYear(year).isBefore(today)) {
                    return monthDay.atYear(year);
                }
            }
            return null;
        } catch (DateTimeException noSuchDate) {
            return null;
        }
    }

    private static LocalTime time(Matcher match) {
        if (match.group(3) != null) {
            int hour = Integer.parseInt(match.group(1));
            int minute = match.group(2) == null ? 0 : Integer.parseInt(match.group(2));
            if (hour < 1 || hour > 12 || minute > 59) {
                return null;
            }
            boolean pm = match.group(3).toLowerCase(Locale.ROOT).equals("pm");
            return LocalTime.of(hour % 12 + (pm ? 12 : 0), minute);
        }
        int hour = Integer.parseInt(match.group(4));
        int minute = Integer.parseInt(match.group(5));
        return hour > 23 || minute > 59 ? null : LocalTime.of(hour, minute);
    }
}
