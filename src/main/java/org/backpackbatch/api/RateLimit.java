package org.backpackbatch.api;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A request budget: at most {@code requests} arrivals in any {@code window}. Written as
 * {@code 100/5s} on the command line (units ms, s, m), or {@code off}.
 */
public record RateLimit(int requests, Duration window) {

    /** Windows are counted in nanoseconds, so one must fit in a long of them; declared before the defaults it checks. */
    private static final Duration LONGEST_WINDOW = Duration.ofNanos(Long.MAX_VALUE);
    public static final RateLimit DEFAULT = new RateLimit(100, Duration.ofSeconds(5));
    public static final RateLimit CALENDAR_DEFAULT = new RateLimit(10, Duration.ofSeconds(5));

    private static final Pattern SPEC = Pattern.compile("(\\d+)/(\\d+)(ms|s|m)");

    public RateLimit {
        if (requests < 1) {
            throw new IllegalArgumentException("a rate limit needs at least 1 request per window");
        }
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("a rate limit needs a window longer than zero");
        }
        if (window.compareTo(LONGEST_WINDOW) > 0) {
            throw new IllegalArgumentException("a rate limit window must be at most " + LONGEST_WINDOW.toDays() + " days");
        }
    }

    /** Parses {@code N/5s}; {@code off} gives null, meaning no limit. */
    public static RateLimit parse(String spec) {
        String text = spec.trim();
        if (text.equalsIgnoreCase("off")) {
            return null;
        }
        Matcher matcher = SPEC.matcher(text);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("rate '" + spec + "' is not of the form N/5s (units ms, s, m) or off");
        }
        try {
            long amount = Long.parseLong(matcher.group(2));
            Duration window = switch (matcher.group(3)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                default -> Duration.ofMinutes(amount);
            };
            return new RateLimit(Integer.parseInt(matcher.group(1)), window);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("rate '" + spec + "' has a number too large to count", e);
        }
    }

    @Override
    public String toString() {
        long millis = window.toMillis();
        return requests + "/" + (millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms");
    }
}
