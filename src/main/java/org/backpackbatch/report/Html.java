package org.backpackbatch.report;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the report writes text and numbers into HTML: escaped, and the same on every machine (no locale, no time zone). */
final class Html {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);
    // English month names, as the rest of the page, whatever the machine's language
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MMM d", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMM uuuu", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final String[] BYTE_UNITS = {"kB", "MB", "GB", "TB"};

    private Html() {
    }

    /** Text made safe for an element's content or a quoted attribute: account data can hold anything. */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(c -> {
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.appendCodePoint(printable(c) ? c : 0xFFFD);
            }
        });
        return escaped.toString();
    }

    /** Control characters (but tab and newlines) and lone surrogates have no place in an HTML document. */
    private static boolean printable(int c) {
        return c == '\t' || c == '\n' || c == '\r' || !Character.isISOControl(c) && Character.getType(c) != Character.SURROGATE;
    }

    static String count(long count) {
        return String.format(Locale.ROOT, "%,d", count);
    }

    /** A size in decimal units, three digits at most: "812 B", "14.2 kB", "3.1 GB". */
    static String bytes(double bytes) {
        if (bytes < 1000) {
            return Math.round(bytes) + " B";
        }
        double value = bytes;
        int unit = -1;
        while (value >= 999.5 && unit < BYTE_UNITS.length - 1) {
            value /= 1000;
            unit++;
        }
        return String.format(Locale.ROOT, value < 99.95 ? "%.1f %s" : "%.0f %s", value, BYTE_UNITS[unit]);
    }

    static String time(Instant instant) {
        return TIME.format(instant);
    }

    /** "Jun 1": a date on a chart whose dates are all of one year. */
    static String day(Instant instant) {
        return DAY.format(instant);
    }

    /** "Jun 2025": a date on a chart that spans years. */
    static String month(Instant instant) {
        return MONTH.format(instant);
    }

    static int year(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC).getYear();
    }

    /** A coordinate or a percentage, to a tenth. */
    static String number(double value) {
        String text = String.format(Locale.ROOT, "%.1f", value);
        return text.endsWith(".0") ? text.substring(0, text.length() - 2) : text;
    }
}
