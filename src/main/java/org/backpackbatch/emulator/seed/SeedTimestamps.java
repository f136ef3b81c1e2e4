package org.backpackbatch.emulator.seed;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;

/** Random moments in Backpack's heyday, 2005 to 2008, written as the /ws answers write them. */
final class SeedTimestamps {

    private static final DateTimeFormatter WS_FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final long FIRST = epochSecond(LocalDateTime.of(2005, 1, 1, 0, 0));
    // Creations stop two months early so that a later edit still falls in 2008.
    private static final long LAST_CREATION = epochSecond(LocalDateTime.of(2008, 10, 31, 23, 59, 59));
    private static final long MAX_EDIT_DELAY = 60L * 24 * 60 * 60;

    private SeedTimestamps() {
    }

    /** When something was created: an epoch second between 2005 and October 2008. */
    static long creation(SplittableRandom random) {
        return random.nextLong(FIRST, LAST_CREATION + 1);
    }

    /** When something created at {@code created} was edited: up to sixty days later, so still in 2008 at the latest. */
    static long editAfter(long created, SplittableRandom random) {
        return created + random.nextLong(1, MAX_EDIT_DELAY);
    }

    static String format(long epochSecond) {
        return WS_FORMAT.format(LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC));
    }

    /** As the REST-style answers write times: ISO-8601 in UTC, {@code 2006-09-27T20:32:15Z}. */
    static String formatIso(long epochSecond) {
        return Instant.ofEpochSecond(epochSecond).toString();
    }

    private static long epochSecond(LocalDateTime moment) {
        return moment.toEpochSecond(ZoneOffset.UTC);
    }
}
