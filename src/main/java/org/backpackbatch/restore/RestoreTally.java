package org.backpackbatch.restore;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Requests of a restore by kind: what a plan expects, or what a run has sent. Thread-safe. */
public final class RestoreTally {

    /** The kinds of request a restore sends. */
    public enum Request {
        PAGES("pages/new"), NOTES("notes/create"), LISTS("lists/add"), ITEMS("items/add"), SEPARATORS("separators"),
        EMAILS_AS_NOTES("notes/create for emails"), TAGS("tags/tag"), REORDERS("reorder"), REMINDERS("reminders"),
        JOURNAL_ENTRIES("journal_entries"), STATUS("status"), CALENDAR_EVENTS("calendar_events"),
        /** Reads of the target: its page list, and the pages whose content or order must be checked. */
        READS("reads");

        private final String label;

        Request(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        static Request of(RestoreKind kind) {
            return switch (kind) {
                case PAGE -> PAGES;
                case NOTE -> NOTES;
                case LIST -> LISTS;
                case ITEM -> ITEMS;
                case SEPARATOR -> SEPARATORS;
                case EMAIL_NOTE -> EMAILS_AS_NOTES;
                case TAGS -> TAGS;
                case REMINDER -> REMINDERS;
                case JOURNAL_ENTRY -> JOURNAL_ENTRIES;
                case STATUS -> STATUS;
                case CALENDAR_EVENT -> CALENDAR_EVENTS;
            };
        }
    }

    private final Map<Request, AtomicLong> counts = new EnumMap<>(Request.class);

    public RestoreTally() {
        for (Request request : Request.values()) {
            counts.put(request, new AtomicLong());
        }
    }

    void sent(Request request) {
        counts.get(request).incrementAndGet();
    }

    void add(Request request, long count) {
        counts.get(request).addAndGet(count);
    }

    public long count(Request request) {
        return counts.get(request).get();
    }

    public long total() {
        return counts.values().stream().mapToLong(AtomicLong::get).sum();
    }
}
