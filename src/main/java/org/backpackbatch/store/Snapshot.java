package org.backpackbatch.store;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * One snapshot: what was taken, when, how far it got, and what it holds. {@code suspect}: it
 * removed at least half of its parent's records (an outage, an emptied account), so {@code forget}
 * does not count it; {@code vanished}: pages pages/all listed that were gone when fetched.
 */
public record Snapshot(
        long id,
        String account,
        Long parentId,
        Origin origin,
        RunState state,
        Include include,
        String startedAt,
        String finishedAt,
        Counts counts,
        Changes changes,
        long requests,
        boolean suspect,
        long vanished) {

    /** How a snapshot came to be. */
    public enum Origin {
        BACKUP, IMPORT;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Origin fromLabel(String label) {
            return valueOf(label.toUpperCase(Locale.ROOT));
        }
    }

    /** How many records of each counted kind (those with a {@link RecordKind#countName()}) the snapshot holds. */
    public record Counts(long pages, long notes, long lists, long items, long tags, long separators, long emails, long users,
            long reminders, long journalEntries, long statuses, long calendars, long calendarEvents, long bookmarks) {

        /** The counts of the counted kinds; a kind the map lacks counts 0. */
        public static Counts of(Map<RecordKind, Long> byKind) {
            ToLongFunction<RecordKind> count = kind -> byKind.getOrDefault(kind, 0L);
            return new Counts(count.applyAsLong(RecordKind.PAGE), count.applyAsLong(RecordKind.NOTE), count.applyAsLong(RecordKind.LIST),
                    count.applyAsLong(RecordKind.ITEM), count.applyAsLong(RecordKind.TAG), count.applyAsLong(RecordKind.SEPARATOR),
                    count.applyAsLong(RecordKind.EMAIL), count.applyAsLong(RecordKind.USER), count.applyAsLong(RecordKind.REMINDER),
                    count.applyAsLong(RecordKind.JOURNAL_ENTRY), count.applyAsLong(RecordKind.STATUS), count.applyAsLong(RecordKind.CALENDAR),
                    count.applyAsLong(RecordKind.CALENDAR_EVENT), count.applyAsLong(RecordKind.BOOKMARK));
        }

        /** The count of a counted kind. */
        public long of(RecordKind kind) {
            return switch (kind) {
                case PAGE -> pages;
                case NOTE -> notes;
                case LIST -> lists;
                case ITEM -> items;
                case TAG -> tags;
                case SEPARATOR -> separators;
                case EMAIL -> emails;
                case USER -> users;
                case REMINDER -> reminders;
                case JOURNAL_ENTRY -> journalEntries;
                case STATUS -> statuses;
                case CALENDAR -> calendars;
                case CALENDAR_EVENT -> calendarEvents;
                case BOOKMARK -> bookmarks;
                case BELONGING, GALLERY, IMAGE, ATTACHMENT -> throw new IllegalArgumentException(kind.storedName() + "s are not counted");
            };
        }

        /** Each count by its name, in the order of the kinds: as the store's columns, the JSON output and the report name them. */
        public Map<String, Long> byName() {
            Map<String, Long> named = new LinkedHashMap<>();
            for (RecordKind kind : RecordKind.values()) {
                if (kind.countName() != null) {
                    named.put(kind.countName(), of(kind));
                }
            }
            return named;
        }
    }

    /** How many records were added, changed and removed since the snapshot's parent. */
    public record Changes(long added, long changed, long removed) {
        public long total() {
            return added + changed + removed;
        }
    }

    public boolean complete() {
        return state == RunState.COMPLETE;
    }
}
