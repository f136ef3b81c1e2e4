package org.backpackbatch.emulator.seed;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.backpackbatch.api.model.Bookmark;
import org.backpackbatch.api.model.Calendar;
import org.backpackbatch.api.model.CalendarEvent;
import org.backpackbatch.api.model.CurrentUser;
import org.backpackbatch.api.model.Email;
import org.backpackbatch.api.model.JournalEntry;
import org.backpackbatch.api.model.Page;
import org.backpackbatch.api.model.Status;
import org.backpackbatch.api.model.User;

/**
 * The starting content of an emulated account: its pages in order, the emails sent to some of them
 * (the API can list emails but not create them, so they can only come from a seed; a page without
 * emails may be absent from {@code emailsByPage}), and the rest of the whole account: its owner
 * (the token's user, first of {@code users}), reminders, journal, statuses, calendars with their
 * events, and bookmarks.
 */
public record AccountSeed(
        List<Page> pages,
        Map<Long, List<Email>> emailsByPage,
        CurrentUser owner,
        List<User> users,
        List<ReminderDraft> reminders,
        List<JournalEntry> journal,
        List<Status> statuses,
        List<Calendar> calendars,
        List<CalendarEvent> events,
        List<Bookmark> bookmarks) {

    public AccountSeed {
        pages = List.copyOf(pages);
        // A linked copy keeps the given order, so whoever walks the map does so deterministically.
        Map<Long, List<Email>> emails = new LinkedHashMap<>();
        emailsByPage.forEach((pageId, pageEmails) -> emails.put(pageId, List.copyOf(pageEmails)));
        emailsByPage = Collections.unmodifiableMap(emails);
        users = List.copyOf(users);
        if (users.isEmpty() || users.get(0).id() != owner.id()) {
            throw new IllegalArgumentException("the owner must be the first of the account's users");
        }
        reminders = List.copyOf(reminders);
        journal = List.copyOf(journal);
        statuses = List.copyOf(statuses);
        calendars = List.copyOf(calendars);
        events = List.copyOf(events);
        bookmarks = List.copyOf(bookmarks);
    }

    /** An account with nothing in it but its owner, named after the account. */
    public static AccountSeed empty(String accountName, LongSupplier ids) {
        return new AccountSeedBuilder(accountName, ids).build();
    }
}
