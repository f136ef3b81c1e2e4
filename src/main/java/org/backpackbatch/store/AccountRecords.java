package org.backpackbatch.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.backpackbatch.api.model.AccountUsers;
import org.backpackbatch.api.model.Bookmark;
import org.backpackbatch.api.model.Calendar;
import org.backpackbatch.api.model.CalendarEvent;
import org.backpackbatch.api.model.CalendarWithEvents;
import org.backpackbatch.api.model.JournalEntry;
import org.backpackbatch.api.model.Reminder;
import org.backpackbatch.api.model.Status;
import org.backpackbatch.api.model.User;

/**
 * The account's own resources (users, reminders, journal, statuses, calendars with their events,
 * bookmarks) as the records a snapshot stores, and back: what {@link PageRecords} is for pages.
 * Backup, diff, verify, export, import and restore all read them through here.
 *
 * <p>Order is part of what the API serves only where the API gives it as data: users keep their
 * place in users.xml and bookmarks their position. Reminders, journal entries and events are
 * ordered by the API's own rule (their time), which is read back from their content: storing
 * their places would change every later record whenever one is added.
 */
public final class AccountRecords {

    private static final JsonFactory JSON = new JsonFactory();

    /**
     * The whole account beyond its pages, as a snapshot holds it. A resource the snapshot did not
     * include is null; one it included and found empty is empty.
     */
    public record StoredAccount(AccountUsers users, List<Reminder> reminders, List<JournalEntry> journal, List<Status> statuses,
            List<CalendarWithEvents> calendars, List<Bookmark> bookmarks) {

        public StoredAccount {
            reminders = reminders == null ? null : List.copyOf(reminders);
            journal = journal == null ? null : List.copyOf(journal);
            statuses = statuses == null ? null : List.copyOf(statuses);
            calendars = calendars == null ? null : List.copyOf(calendars);
            bookmarks = bookmarks == null ? null : List.copyOf(bookmarks);
        }

        /** Whether the snapshot holds that resource (emails are never held here: they are on their pages). */
        public boolean holds(Resource resource) {
            return switch (resource) {
                case EMAILS -> false;
                case USERS -> users != null;
                case REMINDERS -> reminders != null;
                case JOURNAL -> journal != null;
                case STATUSES -> statuses != null;
                case CALENDARS -> calendars != null;
                case BOOKMARKS -> bookmarks != null;
            };
        }
    }

    private AccountRecords() {
    }

    // ---- to records -----------------------------------------------------------------------

    /** One resource of the account as its records; nothing when the account does not hold it. */
    public static List<RecordVersion> toRecords(Resource resource, StoredAccount account) {
        if (!account.holds(resource)) {
            return List.of();
        }
        return switch (resource) {
            case USERS -> users(account.users());
            case REMINDERS -> reminders(account.reminders());
            case JOURNAL -> journal(account.journal());
            case STATUSES -> statuses(account.statuses());
            case CALENDARS -> calendars(account.calendars());
            case BOOKMARKS -> bookmarks(account.bookmarks());
            case EMAILS -> throw new IllegalArgumentException("emails are records of their pages");
        };
    }

    /** The users, each at its place, the token's own one flagged. */
    public static List<RecordVersion> users(AccountUsers users) {
        long scope = Resource.USERS.scope();
        List<RecordVersion> records = new ArrayList<>();
        for (int i = 0; i < users.users().size(); i++) {
            User user = users.users().get(i);
            boolean me = users.meId() != null && users.meId() == user.id();
            records.add(new RecordVersion(RecordKind.USER, user.id(), scope, null, i + 1, null, user.name(), null, null, me ? 1 : 0));
        }
        return records;
    }

    public static List<RecordVersion> reminders(List<Reminder> reminders) {
        long scope = Resource.REMINDERS.scope();
        return reminders.stream().map(reminder -> new RecordVersion(RecordKind.REMINDER, reminder.id(), scope, null, null, null,
                reminder.content(), null, null, null, reminder.creator().id(), reminder.creator().name(), reminder.remindAt(), null,
                remindees(reminder.remindees()))).toList();
    }

    public static List<RecordVersion> journal(List<JournalEntry> entries) {
        long scope = Resource.JOURNAL.scope();
        return entries.stream().map(entry -> new RecordVersion(RecordKind.JOURNAL_ENTRY, entry.id(), scope, null, null, null, null,
                entry.body(), entry.createdAt(), null, entry.userId(), entry.userName(), null, entry.updatedAt(), null)).toList();
    }

    public static List<RecordVersion> statuses(List<Status> statuses) {
        long scope = Resource.STATUSES.scope();
        return statuses.stream().map(status -> new RecordVersion(RecordKind.STATUS, status.id(), scope, null, null, null,
                status.message(), null, null, null, status.userId(), status.userName(), null, status.updatedAt(), null)).toList();
    }

    /** Each calendar (never its sharing token or iCal URL: the API records have no place for them) and its events. */
    public static List<RecordVersion> calendars(List<CalendarWithEvents> calendars) {
        long scope = Resource.CALENDARS.scope();
        List<RecordVersion> records = new ArrayList<>();
        for (CalendarWithEvents stored : calendars) {
            Calendar calendar = stored.calendar();
            records.add(new RecordVersion(RecordKind.CALENDAR, calendar.id(), scope, null, null, null, calendar.name(), calendar.color(),
                    calendar.createdAt(), null, null, null, null, calendar.updatedAt(), null));
            for (CalendarEvent event : stored.events()) {
                records.add(new RecordVersion(RecordKind.CALENDAR_EVENT, event.id(), scope, event.calendarId(), null, null, event.title(),
                        null, null, event.remind() ? 1 : 0, null, null, event.occursAt(), null, null));
            }
        }
        return records;
    }

    public static List<RecordVersion> bookmarks(List<Bookmark> bookmarks) {
        long scope = Resource.BOOKMARKS.scope();
        return bookmarks.stream().map(bookmark -> new RecordVersion(RecordKind.BOOKMARK, bookmark.id(), scope, bookmark.bookmarkableId(),
                bookmark.position(), bookmark.bookmarkableType(), null, null, null, null, bookmark.userId(), null, null, null, null))
                .toList();
    }

    // ---- from records ---------------------------------------------------------------------

    /** The account back from the records of its scopes; {@code include} says which resources the snapshot took. */
    public static StoredAccount fromRecords(List<RecordVersion> records, Include include) {
        Map<RecordKind, List<RecordVersion>> byKind = new EnumMap<>(RecordKind.class);
        records.forEach(record -> byKind.computeIfAbsent(record.kind(), kind -> new ArrayList<>()).add(record));
        AccountUsers users = null;
        if (include.includes(Resource.USERS)) {
            List<RecordVersion> userRecords = sorted(of(byKind, RecordKind.USER), Comparator.comparing(RecordVersion::position,
                    Comparator.nullsLast(Comparator.naturalOrder())));
            Long meId = userRecords.stream().filter(r -> r.flag() != null && r.flag() == 1).map(RecordVersion::recordId).findFirst().orElse(null);
            users = new AccountUsers(map(userRecords, r -> new User(r.recordId(), r.name())), meId);
        }
        List<Reminder> reminders = !include.includes(Resource.REMINDERS) ? null
                : map(sorted(of(byKind, RecordKind.REMINDER), Comparator.comparing(RecordVersion::dueAt, Comparator.nullsFirst(Comparator.naturalOrder()))),
                        r -> new Reminder(r.recordId(), r.dueAt(), r.name(), new User(r.userId(), r.userName()), remindees(r.remindees())));
        List<JournalEntry> journal = !include.includes(Resource.JOURNAL) ? null
                : map(sorted(of(byKind, RecordKind.JOURNAL_ENTRY), Comparator.comparing(RecordVersion::createdAt,
                        Comparator.nullsLast(Comparator.<String>reverseOrder())).thenComparing(Comparator.comparingLong(RecordVersion::recordId).reversed())),
                        r -> new JournalEntry(r.recordId(), r.userId(), r.userName(), r.body(), r.createdAt(), r.updatedAt()));
        List<Status> statuses = !include.includes(Resource.STATUSES) ? null
                : map(sorted(of(byKind, RecordKind.STATUS), Comparator.comparing(RecordVersion::userId,
                        Comparator.nullsLast(Comparator.naturalOrder()))),
                        r -> new Status(r.recordId(), r.userId(), r.userName(), r.name(), r.updatedAt()));
        List<CalendarWithEvents> calendars = null;
        if (include.includes(Resource.CALENDARS)) {
            List<RecordVersion> events = sorted(of(byKind, RecordKind.CALENDAR_EVENT), Comparator.comparing(RecordVersion::dueAt,
                    Comparator.nullsFirst(Comparator.naturalOrder())));
            calendars = map(sorted(of(byKind, RecordKind.CALENDAR), Comparator.comparingLong(RecordVersion::recordId)),
                    c -> new CalendarWithEvents(new Calendar(c.recordId(), c.name(), c.body(), c.createdAt(), c.updatedAt()),
                            events.stream().filter(e -> e.parentId() != null && e.parentId() == c.recordId())
                                    .map(e -> new CalendarEvent(e.recordId(), e.parentId(), e.name(), e.dueAt(), e.flag() != null && e.flag() == 1))
                                    .toList()));
        }
        List<Bookmark> bookmarks = !include.includes(Resource.BOOKMARKS) ? null
                : map(sorted(of(byKind, RecordKind.BOOKMARK), Comparator.comparing(RecordVersion::position,
                        Comparator.nullsLast(Comparator.naturalOrder()))),
                        r -> new Bookmark(r.recordId(), r.userId() == null ? 0 : r.userId(), r.type(), r.parentId() == null ? 0 : r.parentId(),
                                r.position() == null ? 0 : r.position()));
        return new StoredAccount(users, reminders, journal, statuses, calendars, bookmarks);
    }

    /** A reminder's remindees as the store keeps them: JSON, {@code [[id, "name"], ...]}, in order. */
    static String remindees(List<User> remindees) {
        StringWriter text = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(text)) {
            json.writeStartArray();
            for (User remindee : remindees) {
                json.writeStartArray();
                json.writeNumber(remindee.id());
                json.writeString(remindee.name());
                json.writeEndArray();
            }
            json.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    /** The remindees back from the store's JSON; a text that is not that shape is refused, naming it. */
    public static List<User> remindees(String stored) {
        List<User> remindees = new ArrayList<>();
        try (JsonParser json = JSON.createParser(stored == null ? "" : stored)) {
            expect(json, JsonToken.START_ARRAY, stored);
            while (json.nextToken() == JsonToken.START_ARRAY) {
                expect(json, JsonToken.VALUE_NUMBER_INT, stored);
                long id = json.getLongValue();
                expect(json, JsonToken.VALUE_STRING, stored);
                String name = json.getText();
                expect(json, JsonToken.END_ARRAY, stored);
                remindees.add(new User(id, name));
            }
            if (json.currentToken() != JsonToken.END_ARRAY || json.nextToken() != null) {
                throw notRemindees(stored);
            }
        } catch (IOException e) {
            throw notRemindees(stored);
        }
        return remindees;
    }

    private static void expect(JsonParser json, JsonToken token, String stored) throws IOException {
        if (json.nextToken() != token) {
            throw notRemindees(stored);
        }
    }

    private static IllegalArgumentException notRemindees(String stored) {
        String shown = stored == null ? "nothing" : "'" + (stored.length() > 40 ? stored.substring(0, 40) + "..." : stored) + "'";
        return new IllegalArgumentException("remindees must be a JSON list of [id, \"name\"], not " + shown);
    }

    private static List<RecordVersion> of(Map<RecordKind, List<RecordVersion>> byKind, RecordKind kind) {
        return byKind.getOrDefault(kind, List.of());
    }

    /** In the given order, then by id: two records never tie. */
    private static List<RecordVersion> sorted(List<RecordVersion> records, Comparator<RecordVersion> order) {
        return records.stream().sorted(order.thenComparingLong(RecordVersion::recordId)).toList();
    }

    private static <T> List<T> map(List<RecordVersion> records, Function<RecordVersion, T> mapper) {
        return records.stream().map(mapper).toList();
    }
}
