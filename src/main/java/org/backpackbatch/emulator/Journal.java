package org.backpackbatch.emulator;

import java.time.Clock;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.backpackbatch.api.model.JournalEntry;
import org.backpackbatch.api.model.User;

/**
 * The journals of an account's users: read newest first, a page at a time, everyone's or one
 * user's; each user writes only their own. Every method is atomic.
 */
public final class Journal {

    /** The largest page the service gives, whatever {@code count} asks for. */
    static final int MAX_PAGE_SIZE = 100;

    /** Times are all written as ISO-8601 in UTC, so their text sorts as time does. */
    private static final Comparator<JournalEntry> NEWEST_FIRST = Comparator.comparing(JournalEntry::createdAt)
            .thenComparingLong(JournalEntry::id).reversed();

    private final LongSupplier ids;
    private final Clock clock;
    private final Map<Long, JournalEntry> entries = new LinkedHashMap<>();

    Journal(List<JournalEntry> seeded, LongSupplier ids, Clock clock) {
        this.ids = ids;
        this.clock = clock;
        seeded.forEach(entry -> entries.put(entry.id(), entry));
    }

    /** Page {@code n} (from 0) of at most {@code count} entries, newest first; only {@code userId}'s when it is not null. */
    public synchronized List<JournalEntry> page(Long userId, int n, int count) {
        return entries.values().stream()
                .filter(entry -> userId == null || entry.userId() == userId)
                .sorted(NEWEST_FIRST)
                .skip((long) n * count)
                .limit(count)
                .toList();
    }

    /** Every entry, newest first: what tests compare a client's paging against. */
    public synchronized List<JournalEntry> all() {
        return entries.values().stream().sorted(NEWEST_FIRST).toList();
    }

    synchronized JournalEntry create(User author, String body) {
        String now = IsoTime.now(clock);
        JournalEntry entry = new JournalEntry(ids.getAsLong(), author.id(), author.name(), body, now, now);
        entries.put(entry.id(), entry);
        return entry;
    }

    synchronized JournalEntry update(long entryId, User caller, String body) {
        JournalEntry old = own(entryId, caller);
        JournalEntry updated = new JournalEntry(entryId, old.userId(), old.userName(), body, old.createdAt(), IsoTime.now(clock));
        entries.put(entryId, updated);
        return updated;
    }

    synchronized void destroy(long entryId, User caller) {
        own(entryId, caller);
        entries.remove(entryId);
    }

    private JournalEntry own(long entryId, User caller) {
        JournalEntry entry = entries.get(entryId);
        if (entry == null) {
            throw EmulatorError.notFound();
        }
        if (entry.userId() != caller.id()) {
            throw EmulatorError.forbidden();
        }
        return entry;
    }
}
