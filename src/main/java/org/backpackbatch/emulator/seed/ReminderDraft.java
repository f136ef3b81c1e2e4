package org.backpackbatch.emulator.seed;

import java.time.Duration;
import java.util.List;

/**
 * A seeded reminder, due {@code dueIn} after the emulator starts serving the account (negative:
 * already past): "upcoming" is relative to the clock, and a seed must stay the same whenever it is
 * made.
 */
public record ReminderDraft(long id, Duration dueIn, String content, long creatorId, List<Long> remindeeIds) {

    public ReminderDraft {
        remindeeIds = List.copyOf(remindeeIds);
    }
}
