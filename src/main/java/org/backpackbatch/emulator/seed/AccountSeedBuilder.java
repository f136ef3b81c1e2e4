package org.backpackbatch.emulator.seed;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;
import org.backpackbatch.api.model.Bookmark;
import org.backpackbatch.api.model.Calendar;
import org.backpackbatch.api.model.CalendarEvent;
import org.backpackbatch.api.model.CurrentUser;
import org.backpackbatch.api.model.Email;
import org.backpackbatch.api.model.JournalEntry;
import org.backpackbatch.api.model.Page;
import org.backpackbatch.api.model.Scope;
import org.backpackbatch.api.model.Status;
import org.backpackbatch.api.model.User;

/**
 * Collects one seeded account: its pages, in the order they are started, with its shared tags, then
 * its users and what they own. Ids are taken in call order, so a seed that adds its pages first
 * keeps the page ids it always had.
 */
final class AccountSeedBuilder {

    /** Every time the emulator reads or writes is UTC. */
    static final String TIME_ZONE = "UTC";

    private final String accountName;
    private final LongSupplier ids;
    private final AccountTags tags;
    private final List<PageBuilder> pages = new ArrayList<>();
    private CurrentUser owner;
    private final List<User> users = new ArrayList<>();
    private final List<ReminderDraft> reminders = new ArrayList<>();
    private final List<JournalEntry> journal = new ArrayList<>();
    private final List<Status> statuses = new ArrayList<>();
    private final List<Calendar> calendars = new ArrayList<>();
    private final List<CalendarEvent> events = new ArrayList<>();
    private final List<Bookmark> bookmarks = new ArrayList<>();
    private final Map<Long, Integer> bookmarksPerUser = new HashMap<>();

    AccountSeedBuilder(String accountName, LongSupplier ids) {
        if (accountName == null || accountName.isBlank()) {
            throw new IllegalArgumentException("an account name is needed: it is the host of every page's email address");
        }
        this.accountName = accountName;
        this.ids = ids;
        this.tags = new AccountTags(ids);
    }

    PageBuilder page(String title, Scope scope) {
        long id = ids.getAsLong();
        PageBuilder page = new PageBuilder(id, title, scope, PageEmailAddress.of(id, accountName), ids, tags);
        pages.add(page);
        return page;
    }

    /** The account's owner, whose token the emulator hands out; at most one, declared before any other user. */
    User owner(String name, String email) {
        if (owner != null || !users.isEmpty()) {
            throw new IllegalStateException("the owner is the account's first user, declared once");
        }
        User user = new User(ids.getAsLong(), name);
        owner = new CurrentUser(user.id(), name, email, null, TIME_ZONE);
        users.add(user);
        return user;
    }

    /** The owner the account has when none is named: someone named after the account ({@code acme} is Acme's). */
    User defaultOwner() {
        return owner(defaultOwnerName(), accountName + "@example.com");
    }

    /** Another user of the account. */
    User user(String name) {
        if (owner == null) {
            defaultOwner();
        }
        User user = new User(ids.getAsLong(), name);
        users.add(user);
        return user;
    }

    /** A reminder from {@code creator} to the remindees (to the creator alone when none are named). */
    AccountSeedBuilder reminder(Duration dueIn, String content, User creator, User... remindees) {
        List<Long> remindeeIds = remindees.length == 0 ? List.of(creator.id()) : Arrays.stream(remindees).map(User::id).toList();
        reminders.add(new ReminderDraft(ids.getAsLong(), dueIn, content, creator.id(), remindeeIds));
        return this;
    }

    AccountSeedBuilder journalEntry(User author, String body, String createdAt, String updatedAt) {
        journal.add(new JournalEntry(ids.getAsLong(), author.id(), author.name(), body, createdAt, updatedAt));
        return this;
    }

    AccountSeedBuilder status(User user, String message, String updatedAt) {
        statuses.add(new Status(ids.getAsLong(), user.id(), user.name(), message, updatedAt));
        return this;
    }

    long calendar(String name, String color, String createdAt, String updatedAt) {
        Calendar calendar = new Calendar(ids.getAsLong(), name, color, createdAt, updatedAt);
        calendars.add(calendar);
        return calendar.id();
    }

    AccountSeedBuilder event(long calendarId, String title, String occursAt, boolean remind) {
        events.add(new CalendarEvent(ids.getAsLong(), calendarId, title, occursAt, remind));
        return this;
    }

    AccountSeedBuilder bookmarkPage(User user, long pageId) {
        return bookmark(user, Bookmark.PAGE, pageId);
    }

    /** Bookmarks the tag of that name, which a page must carry already. */
    AccountSeedBuilder bookmarkTag(User user, String tagName) {
        return bookmark(user, Bookmark.TAG, tags.existing(tagName).id());
    }

    private AccountSeedBuilder bookmark(User user, String type, long targetId) {
        int position = bookmarksPerUser.merge(user.id(), 1, Integer::sum);
        bookmarks.add(new Bookmark(ids.getAsLong(), user.id(), type, targetId, position));
        return this;
    }

    AccountSeed build() {
        List<Page> built = new ArrayList<>(pages.size());
        Map<Long, List<Email>> emailsByPage = new LinkedHashMap<>();
        for (PageBuilder page : pages) {
            built.add(page.build());
            if (!page.emails().isEmpty()) {
                emailsByPage.put(page.id(), page.emails());
            }
        }
        if (owner == null) {
            defaultOwner();
        }
        Long startPage = built.stream().filter(page -> page.scope() == Scope.PERSONAL).map(Page::id).findFirst().orElse(null);
        CurrentUser startingOwner = new CurrentUser(owner.id(), owner.name(), owner.email(), startPage, owner.timeZone());
        return new AccountSeed(built, emailsByPage, startingOwner, users, reminders, journal, statuses, calendars, events, bookmarks);
    }

    private String defaultOwnerName() {
        return accountName.substring(0, 1).toUpperCase(Locale.ROOT) + accountName.substring(1);
    }
}
