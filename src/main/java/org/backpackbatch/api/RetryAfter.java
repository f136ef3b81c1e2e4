package org.backpackbatch.api;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code Retry-After} header of RFC 9110 (section 10.2.3): a number of seconds, or an HTTP date
 * in any of the three forms a recipient must accept (section 5.6.7): the IMF-fixdate
 * {@code Sun, 06 Nov 1994 08:49:37 GMT}, the obsolete RFC 850 {@code Sunday, 06-Nov-94 08:49:37 GMT}
 * and asctime {@code Sun Nov  6 08:49:37 1994}.
 */
final class RetryAfter {

    private static final String MONTH = "(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)";
    private static final String TIME = "(\\d{2}):(\\d{2}):(\\d{2})";
    private static final List<String> MONTHS = List.of("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
            "Dec");
    private static final Pattern SECONDS = Pattern.compile("\\d{1,18}");
    /** Day, month, year, hour, minute, second; a one-digit day too, as Java's own RFC 1123 formatter writes it. */
    private static final Pattern IMF_FIXDATE = Pattern.compile(
            "(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\\d{1,2}) " + MONTH + " (\\d{4}) " + TIME + " GMT");
    /** Day, month, two-digit year, hour, minute, second. */
    private static final Pattern RFC_850 = Pattern.compile(
            "(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), (\\d{2})-" + MONTH + "-(\\d{2}) " + TIME + " GMT");
    /** Month, day (space-padded), hour, minute, second, year. */
    private static final Pattern ASCTIME = Pattern.compile(
            "(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) " + MONTH + " ([ \\d]\\d) " + TIME + " (\\d{4})");
    /** An RFC 850 date more than this far ahead is in the past century (RFC 9110, section 5.6.7). */
    private static final int TWO_DIGIT_YEAR_HORIZON = 50;

    private RetryAfter() {
    }

    /**
     * The wait the header value asks for, counted from {@code now}: zero for a date in the past
     * (retry now), null when the value is neither form.
     */
    static Duration parse(String value, Instant now) {
        String text = value.strip();
        if (SECONDS.matcher(text).matches()) {
            return Duration.ofSeconds(Long.parseLong(text));
        }
        ZonedDateTime date = date(text, now.atZone(ZoneOffset.UTC));
        if (date == null) {
            return null;
        }
        Duration wait = Duration.between(now, date.toInstant());
        return wait.isNegative() ? Duration.ZERO : wait;
    }

    private static ZonedDateTime date(String text, ZonedDateTime now) {
        try {
            Matcher imf = IMF_FIXDATE.matcher(text);
            if (imf.matches()) {
                return utc(number(imf, 3), month(imf, 2), number(imf, 1), imf, 4);
            }
            Matcher rfc850 = RFC_850.matcher(text);
            if (rfc850.matches()) {
                ZonedDateTime date = utc(now.getYear() / 100 * 100 + number(rfc850, 3), month(rfc850, 2), number(rfc850, 1), rfc850, 4);
                return date.isAfter(now.plusYears(TWO_DIGIT_YEAR_HORIZON)) ? date.minusYears(100) : date;
            }
            Matcher asctime = ASCTIME.matcher(text);
            if (asctime.matches()) {
                return utc(number(asctime, 6), month(asctime, 1), Integer.parseInt(asctime.group(2).strip()), asctime, 3);
            }
        } catch (DateTimeException impossible) {
            // a well-formed but impossible date, such as 31 Feb
        }
        return null;
    }

    /** The date in UTC, its hour, minute and second in the three groups from {@code firstTimeGroup}. */
    private static ZonedDateTime utc(int year, int month, int day, Matcher time, int firstTimeGroup) {
        return ZonedDateTime.of(year, month, day, number(time, firstTimeGroup), number(time, firstTimeGroup + 1),
                number(time, firstTimeGroup + 2), 0, ZoneOffset.UTC);
    }

    private static int number(Matcher matcher, int group) {
        return Integer.parseInt(matcher.group(group));
    }

    private static int month(Matcher matcher, int group) {
        return MONTHS.indexOf(matcher.group(group)) + 1;
    }
}
