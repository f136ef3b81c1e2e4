package org.backpackbatch.restore;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.backpackbatch.api.BackpackClient;
import org.backpackbatch.api.EventTitles;
import org.backpackbatch.api.model.Bookmark;
import org.backpackbatch.api.model.Calendar;
import org.backpackbatch.api.model.CalendarEvent;
import org.backpackbatch.api.model.CalendarWithEvents;
import org.backpackbatch.api.model.CurrentUser;
import org.backpackbatch.api.model.JournalEntry;
import org.backpackbatch.api.model.Reminder;
import org.backpackbatch.api.model.Status;
import org.backpackbatch.api.model.User;
import org.backpackbatch.restore.RestorePlan.SourceRecord;
import org.backpackbatch.store.AccountRecords.StoredAccount;
import org.backpackbatch.store.Resource;

/**
 * What a restore does with the account's own resources of a snapshot. It replays what the API
 * lets the target's token write: the upcoming reminders (the source token's user reminds the
 * restoring user, any other remindee the target's user of the same name, else the restoring user),
 * the source token's own journal entries and own status (as the target token's), and events into
 * the target's calendar of the same name. Users,
 * bookmarks, other users' entries and statuses, calendars the target lacks and past reminders
 * cannot be written: the plan names them. Into the snapshot's own account it replays only what the
 * target no longer has.
 */
final class AccountPlan {

    /** An event to create and the target calendar it goes into. */
    record EventInto(CalendarEvent event, long targetCalendarId) {
    }

    private static final AccountPlan NONE = new AccountPlan(null, null, List.of(), Map.of(), List.of(), false, Map.of(), Instant.EPOCH);
    private static final String OWN_UNKNOWN = "the snapshot did not include users, so which are the token's own is unknown;"
            + " a backup with --include users (or all) tells";

    private final StoredAccount source;
    private final CurrentUser targetMe;
    private final List<User> targetUsers;
    /** The target's calendars by name, the first of each name. */
    private final Map<String, Calendar> targetCalendars;
    /** Into the snapshot's own account: the ids of the bookmarks it still has. */
    private final List<Long> targetBookmarks;
    private final boolean sameAccount;
    private final Map<SourceRecord, Long> present;
    /** Reminders due by then are past. */
    private final Instant now;

    private AccountPlan(StoredAccount source, CurrentUser targetMe, List<User> targetUsers, Map<String, Calendar> targetCalendars,
            List<Long> targetBookmarks, boolean sameAccount, Map<SourceRecord, Long> present, Instant now) {
        this.source = source;
        this.targetMe = targetMe;
        this.targetUsers = targetUsers;
        this.targetCalendars = targetCalendars;
        this.targetBookmarks = targetBookmarks;
        this.sameAccount = sameAccount;
        this.present = present;
        this.now = now;
    }

    /** Nothing of the account: a snapshot without its resources, or a restore of chosen pages. */
    static AccountPlan none() {
        return NONE;
    }

    /**
     * Reads what the plan needs of the target: its token's user, its users, its calendars, and, into
     * the snapshot's own account, which of the source's records it still has (under their own id
     * or the one an earlier restore gave them, as {@code mapped} tells), into {@code present}.
     */
    static AccountPlan make(StoredAccount source, BackpackClient target, boolean sameAccount, Function<SourceRecord, Long> mapped,
            Map<SourceRecord, Long> present) {
        if (Resource.ofAccount().stream().noneMatch(source::holds)) {
            return NONE;
        }
        Long sourceMe = source.users() == null ? null : source.users().meId();
        boolean ownRecords = sourceMe != null && (source.holds(Resource.JOURNAL) || source.holds(Resource.STATUSES));
        boolean bookmarksToCheck = sameAccount && source.holds(Resource.BOOKMARKS) && !source.bookmarks().isEmpty();
        boolean usersToMatch = source.holds(Resource.REMINDERS) || source.holds(Resource.USERS);
        CurrentUser me = usersToMatch || ownRecords || bookmarksToCheck ? target.me() : null;
        List<User> users = usersToMatch ? target.users() : List.of();
        Map<String, Calendar> calendars = new LinkedHashMap<>();
        if (source.holds(Resource.CALENDARS)) {
            target.calendars().forEach(calendar -> calendars.putIfAbsent(calendar.name(), calendar));
        }
        List<Long> bookmarks = List.of();
        if (sameAccount) {
            if (source.holds(Resource.REMINDERS)) {
                Set<Long> reminders = ids(target.reminders(), Reminder::id);
                source.reminders().forEach(r -> mark(present, new SourceRecord(RestoreKind.REMINDER, r.id()), reminders, mapped));
            }
            if (source.holds(Resource.JOURNAL)) {
                Set<Long> entries = ids(target.journalEntries(), JournalEntry::id);
                source.journal().forEach(e -> mark(present, new SourceRecord(RestoreKind.JOURNAL_ENTRY, e.id()), entries, mapped));
            }
            if (source.holds(Resource.STATUSES)) {
                // a status is never deleted: a user who has one has it, whatever it says now
                Map<Long, Long> statuses = target.statuses().stream().collect(Collectors.toMap(Status::userId, Status::id, (a, b) -> a));
                source.statuses().stream().filter(s -> statuses.containsKey(s.userId()))
                        .forEach(s -> present.put(new SourceRecord(RestoreKind.STATUS, s.id()), statuses.get(s.userId())));
            }
            if (source.holds(Resource.CALENDARS)) {
                for (CalendarWithEvents calendar : source.calendars()) {
                    Calendar into = calendars.get(calendar.calendar().name());
                    if (into != null && !calendar.events().isEmpty()) {
                        Set<Long> events = ids(target.calendarEvents(into.id()), CalendarEvent::id);
                        calendar.events().forEach(e -> mark(present, new SourceRecord(RestoreKind.CALENDAR_EVENT, e.id()), events, mapped));
                    }
                }
            }
            if (bookmarksToCheck) {
                bookmarks = List.copyOf(ids(target.bookmarks(me.id()), Bookmark::id));
            }
        }
        return new AccountPlan(source, me, users, calendars, bookmarks, sameAccount, present, Instant.now());
    }

    // ---- what it replays ----------------------------------------------------------------

    /** The resources of the snapshot, one unit of the restore's worklist each, in the order of their scopes. */
    List<Resource> units() {
        return source == null ? List.of()
                : Resource.ofAccount().stream().filter(source::holds).sorted((a, b) -> Long.compare(a.scope(), b.scope())).toList();
    }

    /** The reminders still to come, earliest first. */
    List<Reminder> reminders() {
        return !holds(Resource.REMINDERS) ? List.of() : source.reminders().stream().filter(this::upcoming).toList();
    }

    /** The target's users a reminder reminds: each remindee's counterpart, else the restoring user, each once. */
    List<Long> remindees(Reminder reminder) {
        return reminder.remindees().stream().map(remindee -> counterpart(remindee).map(User::id).orElse(targetMe.id())).distinct().toList();
    }

    /** The source token's own journal entries, oldest first, so that the target's newest-first order is theirs. */
    List<JournalEntry> ownEntries() {
        Long me = sourceMe();
        if (me == null || !holds(Resource.JOURNAL)) {
            return List.of();
        }
        List<JournalEntry> own = new ArrayList<>(source.journal().stream().filter(entry -> entry.userId() == me).toList());
        Collections.reverse(own);
        return own;
    }

    /** The source token's own status, at most one. */
    List<Status> ownStatus() {
        Long me = sourceMe();
        return me == null || !holds(Resource.STATUSES) ? List.of() : source.statuses().stream().filter(s -> s.userId() == me).limit(1).toList();
    }

    /** The events of every calendar the target has by name, each with the calendar it goes into. */
    List<EventInto> events() {
        if (!holds(Resource.CALENDARS)) {
            return List.of();
        }
        List<EventInto> events = new ArrayList<>();
        for (CalendarWithEvents calendar : source.calendars()) {
            Calendar into = targetCalendars.get(calendar.calendar().name());
            if (into != null) {
                calendar.events().forEach(event -> events.add(new EventInto(event, into.id())));
            }
        }
        return events;
    }

    CurrentUser targetMe() {
        return targetMe;
    }

    /** How many records a unit replays at most: to start the longest chains of requests first. */
    long size(Resource resource) {
        return switch (resource) {
            case REMINDERS -> reminders().size();
            case JOURNAL -> ownEntries().size();
            case STATUSES -> ownStatus().size();
            case CALENDARS -> events().size();
            default -> 0;
        };
    }

    /** Every record this plan may create, by its kind and source id. */
    List<SourceRecord> records() {
        List<SourceRecord> records = new ArrayList<>();
        reminders().forEach(r -> records.add(new SourceRecord(RestoreKind.REMINDER, r.id())));
        ownEntries().forEach(e -> records.add(new SourceRecord(RestoreKind.JOURNAL_ENTRY, e.id())));
        ownStatus().forEach(s -> records.add(new SourceRecord(RestoreKind.STATUS, s.id())));
        events().forEach(e -> records.add(new SourceRecord(RestoreKind.CALENDAR_EVENT, e.event().id())));
        return records;
    }

    // ---- what it cannot --------------------------------------------------------------------

    /**
     * What of a resource the API cannot write into the target, and why: the one definition the
     * run's report and the dry run's list both come from. Into the snapshot's own account, what the
     * target still has is not lost.
     */
    List<RestoreLedger.Unrestorable> unrestorable(Resource resource) {
        if (!holds(resource)) {
            return List.of();
        }
        long unit = resource.scope();
        List<RestoreLedger.Unrestorable> parts = new ArrayList<>();
        switch (resource) {
            case USERS -> {
                List<String> missing = source.users().users().stream().filter(user -> counterpart(user).isEmpty())
                        .map(user -> quoted(user.name())).toList();
                if (!missing.isEmpty()) {
                    parts.add(new RestoreLedger.Unrestorable(unit, missing.size() + " user(s) the target does not have ("
                            + String.join(", ", missing) + ")", "the API cannot create users"));
                }
            }
            case BOOKMARKS -> {
                long lost = source.bookmarks().stream().filter(b -> !sameAccount || !targetBookmarks.contains(b.id())).count();
                if (lost > 0) {
                    parts.add(new RestoreLedger.Unrestorable(unit, lost + " bookmark(s)", "the API cannot create bookmarks"));
                }
            }
            case REMINDERS -> {
                for (Reminder reminder : source.reminders()) {
                    String what = "reminder " + quoted(reminder.content());
                    if (!upcoming(reminder)) {
                        parts.add(new RestoreLedger.Unrestorable(unit, what + " (due " + reminder.remindAt() + ")",
                                "it is past; only upcoming reminders are restored"));
                    } else if (!isPresent(RestoreKind.REMINDER, reminder.id())) {
                        reminder.remindees().stream().filter(remindee -> counterpart(remindee).isEmpty()).forEach(remindee -> parts.add(
                                new RestoreLedger.Unrestorable(unit, what, quoted(remindee.name()) + " is no user of the target: the restoring user "
                                        + quoted(targetMe.name()) + " is reminded instead")));
                    }
                }
            }
            case JOURNAL -> {
                if (sourceMe() == null) {
                    parts.add(new RestoreLedger.Unrestorable(unit, source.journal().size() + " entries", OWN_UNKNOWN));
                } else {
                    byOtherUser(source.journal().stream().filter(e -> !isPresent(RestoreKind.JOURNAL_ENTRY, e.id())).toList(),
                            JournalEntry::userId, JournalEntry::userName).forEach((name, count) -> parts.add(
                            new RestoreLedger.Unrestorable(unit, count + " entries by " + quoted(name),
                                    "only the token's own journal can be written through the API")));
                }
            }
            case STATUSES -> {
                if (sourceMe() == null) {
                    parts.add(new RestoreLedger.Unrestorable(unit, source.statuses().size() + " statuses", OWN_UNKNOWN));
                } else {
                    source.statuses().stream().filter(status -> status.userId() != sourceMe() && !isPresent(RestoreKind.STATUS, status.id()))
                            .forEach(status -> parts.add(
                            new RestoreLedger.Unrestorable(unit, "the status of " + quoted(status.userName()) + " (" + quoted(status.message()) + ")",
                                    "only the token's own status can be set through the API")));
                }
            }
            case CALENDARS -> {
                for (CalendarWithEvents calendar : source.calendars()) {
                    String what = "calendar " + quoted(calendar.calendar().name());
                    if (!targetCalendars.containsKey(calendar.calendar().name())) {
                        parts.add(new RestoreLedger.Unrestorable(unit, what + " (" + calendar.events().size() + " events)",
                                "the target has no calendar of that name and the API cannot create calendars; create it and run the restore again"));
                        continue;
                    }
                    long withSeconds = calendar.events().stream()
                            .filter(event -> EventTitles.hasSeconds(event.occursAt()) && !isPresent(RestoreKind.CALENDAR_EVENT, event.id()))
                            .count();
                    if (withSeconds > 0) {
                        parts.add(new RestoreLedger.Unrestorable(unit, "the seconds of " + withSeconds + " event(s) of " + what,
                                "the API sets an event's time to the minute"));
                    }
                }
            }
            case EMAILS -> throw new IllegalArgumentException("emails are restored with their pages");
        }
        return parts;
    }

    // ---- shared -------------------------------------------------------------------------

    private boolean holds(Resource resource) {
        return source != null && source.holds(resource);
    }

    private Long sourceMe() {
        return source == null || source.users() == null ? null : source.users().meId();
    }

    /** A reminder still to come; one whose time cannot be read is left to the server to judge. */
    private boolean upcoming(Reminder reminder) {
        try {
            return reminder.remindAt() == null || OffsetDateTime.parse(reminder.remindAt()).toInstant().isAfter(now);
        } catch (DateTimeParseException unreadable) {
            return true;
        }
    }

    private boolean isPresent(RestoreKind kind, long sourceId) {
        return sameAccount && present.containsKey(new SourceRecord(kind, sourceId));
    }

    /**
     * Who a source user is in the target: the source token's own user is the restoring user (a
     * migration moves a person's account to their new one), anyone else the target's user of the
     * same name, the first one.
     */
    private Optional<User> counterpart(User user) {
        if (targetMe != null && Objects.equals(user.id(), sourceMe())) {
            return Optional.of(targetMe.user());
        }
        return targetUsers.stream().filter(candidate -> candidate.name().equals(user.name())).findFirst();
    }

    /** How many records each user other than the source token's has, by the user's name in order of first appearance. */
    private <T> Map<String, Long> byOtherUser(List<T> records, Function<T, Long> userId, Function<T, String> userName) {
        Long me = sourceMe();
        return records.stream().filter(record -> !Objects.equals(userId.apply(record), me))
                .collect(Collectors.groupingBy(userName, LinkedHashMap::new, Collectors.counting()));
    }

    private static void mark(Map<SourceRecord, Long> present, SourceRecord record, Set<Long> targetIds, Function<SourceRecord, Long> mapped) {
        Long targetId = RestorePlan.find(record, targetIds, mapped);
        if (targetId != null) {
            present.put(record, targetId);
        }
    }

    private static <T> Set<Long> ids(List<T> elements, Function<T, Long> idOf) {
        Set<Long> ids = new HashSet<>();
        elements.forEach(element -> ids.add(idOf.apply(element)));
        return ids;
    }

    private static String quoted(String text) {
        return "'" + text + "'";
    }
}
