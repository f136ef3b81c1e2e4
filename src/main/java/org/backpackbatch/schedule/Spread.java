package org.backpackbatch.schedule;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code spread:} the window after a backup job's cron time in which its accounts start, each at
 * an offset that a hash of its URL fixes: the same on every node and every night, so that
 * thousands of accounts do not all start (and take Quartz's lock) in the same second.
 */
public record Spread(Duration window) {

    static final Duration LONGEST = Duration.ofHours(24);
    public static final Spread NONE = new Spread(Duration.ZERO);
    private static final Pattern TEXT = Pattern.compile("(\\d{1,6})([smh])");

    public Spread {
        if (window.isNegative() || window.compareTo(LONGEST) > 0) {
            throw new IllegalArgumentException("a spread is between 0s and 24h, not " + window);
        }
    }

    /** {@code 90s}, {@code 30m}, {@code 2h} (or {@code 0}: every account at the cron time). */
    public static Spread parse(String text) {
        String value = text.strip().toLowerCase(Locale.ROOT);
        if (value.equals("0")) {
            return NONE;
        }
        Matcher matcher = TEXT.matcher(value);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration such as 90s, 30m or 2h");
        }
        long amount = Long.parseLong(matcher.group(1));
        Duration window = switch (matcher.group(2)) {
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
        if (window.compareTo(LONGEST) > 0) {
            throw new IllegalArgumentException("'" + text + "' is longer than 24h");
        }
        return new Spread(window);
    }

    /** When the account starts after the cron time: in [0, window), the same wherever and whenever it is asked. */
    public Duration offsetOf(String accountUrl) {
        if (window.isZero()) {
            return Duration.ZERO;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(accountUrl.getBytes(StandardCharsets.UTF_8));
            return Duration.ofMillis(Math.floorMod(ByteBuffer.wrap(digest).getLong(), window.toMillis()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /** As a job file writes it. */
    @Override
    public String toString() {
        long seconds = window.toSeconds();
        return seconds % 3600 == 0 && seconds > 0 ? seconds / 3600 + "h" : seconds % 60 == 0 && seconds > 0 ? seconds / 60 + "m" : seconds + "s";
    }
}
