package org.backpackbatch.emulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import java.util.function.LongSupplier;
import org.backpackbatch.api.model.Reminder;
import org.backpackbatch.api.model.User;
import org.backpackbatch.emulator.seed.ReminderDraft;

/**
 * An account's reminders. The list shows only the upcoming ones, earliest first; a user's export
 * shows all of theirs. Every method is atomic.
 */
public final class Reminders {

    /** When a new reminder names no time (the service read one from its text): an hour from now. */
    private static final Duration DEFAULT_DELAY = Duration.ofHours(1);
    /** Times are all written as ISO-8601 in UTC, so their text sorts as time does. */
    private static final Comparator<Reminder> EARLIEST_FIRST = Comparator.comparing(Reminder::remindAt)
            .thenComparingLong(Reminder::id);

    private final LongFunction<User> users;
    private final LongSupplier ids;
    private final Clock clock;
    private final Map<Long, Reminder> reminders = new LinkedHashMap<>();

    /** Seeded reminders fall due relative to now, so that the upcoming ones are always upcoming. */
    Reminders(List<ReminderDraft> seeded, LongFunction<User> users, LongSupplier ids, Clock clock) {
        this.users = users;
        this.ids = ids;
        this.clock = clock;
        Instant start = Instant.now(clock).truncatedTo(ChronoUnit.MINUTES);
        for (ReminderDraft draft : seeded) {
            reminders.put(draft.id(), new Reminder(draft.id(), IsoTime.format(start.plus(draft.dueIn())), draft.content(),
                    users.apply(draft.creatorId()), draft.remindeeIds().stream().map(users::apply).toList()));
        }
    }

    /** The reminders still to come, earliest first. */
    public synchronized List<Reminder> upcoming() {
        String now = IsoTime.now(clock);
        return reminders.values().stream().filter(reminder -> reminder.remindAt().compareTo(now) > 0).sorted(EARLIEST_FIRST).toList();
    }

    /** Every reminder the user made or is reminded by, past ones too, earliest first. */
    public synchronized List<Reminder> of(long userId) {
        return reminders.values().stream()
                .filter(reminder -> reminder.creator().id() == userId
                        || reminder.remindees().stream().anyMatch(remindee -> remindee.id() == userId))
                .sorted(EARLIEST_FIRST)
                .toList();
    }

    /** {@code remindAt} null means an hour from now; no remindees means the creator alone. */
    synchronized Reminder create(User creator, String remindAt, String content, List<Long> remindeeIds) {
        Instant due = remindAt == null ? Instant.now(clock).plus(DEFAULT_DELAY) : IsoTime.parse(remindAt);
        List<User> remindees = remindeeIds == null || remindeeIds.isEmpty() ? List.of(creator) : remindees(remindeeIds);
        Reminder reminder = new Reminder(ids.getAsLong(), IsoTime.format(due), content, creator, remindees);
        reminders.put(reminder.id(), reminder);
        return reminder;
    }

    /** Changes what is given; a null time, content or remindee list keeps the old one. */
    synchronized Reminder update(long reminderId, String remindAt, String content, List<Long> remindeeIds) {
        Reminder old = existing(reminderId);
        Reminder updated = new Reminder(reminderId, remindAt == null ? old.remindAt() : IsoTime.format(IsoTime.parse(remindAt)),
                content == null ? old.content() : content, old.creator(),
                remindeeIds == null ? old.remindees() : remindees(remindeeIds));
        reminders.put(reminderId, updated);
        return updated;
    }

    synchronized void destroy(long reminderId) {
        existing(reminderId);
        reminders.remove(reminderId);
    }

    private Reminder existing(long reminderId) {
        Reminder reminder = reminders.get(reminderId);
        if (reminder == null) {
            throw EmulatorError.notFound();
        }
        return reminder;
    }

    private List<User> remindees(List<Long> remindeeIds) {
        return remindeeIds.stream().distinct().map(users::apply).toList();
    }
}
