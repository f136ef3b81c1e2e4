package org.backpackbatch.store;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a backup can take beyond the core (pages/all and every full page), as {@code --include}
 * names it. Emails live on their pages. Every other resource is the account's own: it is one unit
 * of work and of storage, its records kept on a fixed negative page id, its scope, which no page
 * has, so that a backup compares, stores and resumes it exactly as it does a page.
 */
public enum Resource {
    EMAILS(null),
    USERS(-1L, RecordKind.USER),
    REMINDERS(-2L, RecordKind.REMINDER),
    JOURNAL(-3L, RecordKind.JOURNAL_ENTRY),
    STATUSES(-4L, RecordKind.STATUS),
    CALENDARS(-5L, RecordKind.CALENDAR, RecordKind.CALENDAR_EVENT),
    BOOKMARKS(-6L, RecordKind.BOOKMARK);

    private final Long scope;
    private final List<RecordKind> kinds;

    Resource(Long scope, RecordKind... kinds) {
        this.scope = scope;
        this.kinds = List.of(kinds);
    }

    /** As {@code --include} names it, and as reports name the resource. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The page id its records are stored on; null for emails, which are stored on their pages. */
    public Long scope() {
        return scope;
    }

    /** The kinds of record it holds (none for emails: they are records of their pages). */
    public List<RecordKind> kinds() {
        return kinds;
    }

    /** The resources that are the account's own, in the order of their scopes from -1. */
    public static List<Resource> ofAccount() {
        return Arrays.stream(values()).filter(resource -> resource.scope != null).toList();
    }

    /** The resource whose scope {@code pageId} is; empty for a page. */
    public static Optional<Resource> ofScope(long pageId) {
        return Arrays.stream(values()).filter(resource -> resource.scope != null && resource.scope == pageId).findFirst();
    }

    public static Resource fromLabel(String label) {
        for (Resource resource : values()) {
            if (resource.label().equals(label)) {
                return resource;
            }
        }
        throw new IllegalArgumentException("unknown resource '" + label + "'");
    }
}
