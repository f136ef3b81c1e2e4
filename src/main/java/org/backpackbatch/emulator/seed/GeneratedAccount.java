package org.backpackbatch.emulator.seed;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;
import org.backpackbatch.api.model.Scope;
import org.backpackbatch.api.model.User;

/**
 * A large account made up from a seed value, for load tests and benchmarks: the same page count,
 * seed value and id sequence always give the same account. It mixes what real accounts hold,
 * including the awkward parts: empty pages, untitled notes, long lists, shared pages, emails,
 * galleries and attachments, and text full of XML specials, accents, CJK and emoji; and, in
 * proportion to the pages, users with their reminders, journals, statuses and bookmarks, and
 * calendars with events.
 */
public final class GeneratedAccount {

    private static final int FRIENDS_PERCENT = 5;
    private static final int EMPTY_PAGE_PERCENT = 4;
    private static final int PAGE_WITH_EMAILS_PERCENT = 3;
    private static final int MAX_EMAILS_ON_A_PAGE = 3;
    private static final int MAX_WIDGETS_ON_A_PAGE = 7;
    private static final int MAX_TAGS_ON_A_PAGE = 3;
    private static final int UNTITLED_NOTE_PERCENT = 10;
    private static final int MAX_BODY_LINES = 5;
    private static final int LONG_LIST_PERCENT = 4;
    private static final int MAX_SHORT_LIST = 15;
    private static final int MAX_LONG_LIST = 200;
    private static final int COMPLETED_ITEM_PERCENT = 30;
    private static final int MAX_GALLERY_IMAGES = 4;
    // The whole account grows with the pages: one more user and calendar every 100 pages (up to
    // ten), one journal entry a page (so 250 pages need three requests of 100), a reminder every 10
    // pages, an event every 4, a bookmark of the owner's every 20.
    private static final int PAGES_PER_USER = 100;
    private static final int MAX_OTHER_USERS = 9;
    private static final int EDITED_ENTRY_PERCENT = 30;
    private static final int PAGES_PER_REMINDER = 10;
    private static final int PAST_REMINDER_PERCENT = 20;
    private static final long MAX_REMINDER_MINUTES = 90L * 24 * 60;
    private static final int PAGES_PER_CALENDAR = 100;
    private static final int MAX_CALENDARS = 10;
    private static final int PAGES_PER_EVENT = 4;
    private static final int PAGES_PER_BOOKMARK = 20;
    private static final int MAX_OWNER_BOOKMARKS = 50;
    private static final int OTHER_USER_BOOKMARKS = 2;

    private final SplittableRandom random;
    private final AccountSeedBuilder account;
    private final List<Long> pageIds = new ArrayList<>();
    private final Set<String> tagNames = new LinkedHashSet<>();

    private GeneratedAccount(SplittableRandom random, AccountSeedBuilder account) {
        this.random = random;
        this.account = account;
    }

    public static AccountSeed generate(int pageCount, long seedValue, String accountName, LongSupplier ids) {
        if (pageCount < 0) {
            throw new IllegalArgumentException("the page count cannot be negative, got " + pageCount);
        }
        GeneratedAccount generated = new GeneratedAccount(new SplittableRandom(seedValue), new AccountSeedBuilder(accountName, ids));
        for (int i = 0; i < pageCount; i++) {
            generated.addPage();
        }
        // after the pages, so that their ids and content are what they were before accounts had more
        generated.addUsersAndTheirThings(pageCount);
        return generated.account.build();
    }

    private void addUsersAndTheirThings(int pageCount) {
        if (pageCount == 0) {
            return;
        }
        List<User> users = new ArrayList<>();
        users.add(account.defaultOwner());
        int others = Math.min(MAX_OTHER_USERS, ceilDiv(pageCount, PAGES_PER_USER));
        for (int i = 0; i < others; i++) {
            users.add(account.user(Vocabulary.userName(i)));
        }
        for (int i = 0; i < pageCount; i++) {
            long written = SeedTimestamps.creation(random);
            long edited = chance(EDITED_ENTRY_PERCENT) ? SeedTimestamps.editAfter(written, random) : written;
            account.journalEntry(pick(users), body(), SeedTimestamps.formatIso(written), SeedTimestamps.formatIso(edited));
        }
        for (int i = 0; i < ceilDiv(pageCount, PAGES_PER_REMINDER); i++) {
            long minutes = random.nextLong(1, MAX_REMINDER_MINUTES);
            Duration dueIn = Duration.ofMinutes(chance(PAST_REMINDER_PERCENT) ? -minutes : minutes);
            User creator = pick(users);
            User other = pick(users);
            String content = Vocabulary.itemContent(random);
            if (other.equals(creator)) {
                account.reminder(dueIn, content, creator);
            } else {
                account.reminder(dueIn, content, creator, creator, other);
            }
        }
        // every user but the last has a status: the last shows what a user who never set one looks like
        for (User user : users.subList(0, Math.max(1, users.size() - 1))) {
            account.status(user, Vocabulary.itemContent(random), SeedTimestamps.formatIso(SeedTimestamps.creation(random)));
        }
        List<Long> calendars = new ArrayList<>();
        int calendarCount = Math.min(MAX_CALENDARS, ceilDiv(pageCount, PAGES_PER_CALENDAR));
        for (int i = 0; i < calendarCount; i++) {
            long created = SeedTimestamps.creation(random);
            calendars.add(account.calendar(Vocabulary.calendarName(i), Vocabulary.calendarColor(random),
                    SeedTimestamps.formatIso(created), SeedTimestamps.formatIso(SeedTimestamps.editAfter(created, random))));
        }
        for (int i = 0; i < ceilDiv(pageCount, PAGES_PER_EVENT); i++) {
            account.event(calendars.get(random.nextInt(calendars.size())), Vocabulary.noteTitle(random),
                    SeedTimestamps.formatIso(SeedTimestamps.creation(random)), random.nextBoolean());
        }
        bookmark(users.get(0), Math.min(MAX_OWNER_BOOKMARKS, ceilDiv(pageCount, PAGES_PER_BOOKMARK)));
        for (User user : users.subList(1, users.size())) {
            bookmark(user, OTHER_USER_BOOKMARKS);
        }
    }

    /** Bookmarks of pages and, every third one where the account has tags, of tags. */
    private void bookmark(User user, int count) {
        List<String> tags = List.copyOf(tagNames);
        for (int i = 0; i < count; i++) {
            if (i % 3 == 2 && !tags.isEmpty()) {
                account.bookmarkTag(user, tags.get(random.nextInt(tags.size())));
            } else {
                account.bookmarkPage(user, pageIds.get(random.nextInt(pageIds.size())));
            }
        }
    }

    private User pick(List<User> users) {
        return users.get(random.nextInt(users.size()));
    }

    private static int ceilDiv(int dividend, int divisor) {
        return (dividend + divisor - 1) / divisor;
    }

    private void addPage() {
        Scope scope = chance(FRIENDS_PERCENT) ? Scope.FRIENDS : Scope.PERSONAL;
        PageBuilder page = account.page(Vocabulary.pageTitle(random), scope);
        pageIds.add(page.id());
        if (!chance(EMPTY_PAGE_PERCENT)) {
            int widgets = random.nextInt(1, MAX_WIDGETS_ON_A_PAGE + 1);
            for (int i = 0; i < widgets; i++) {
                addWidget(page);
            }
        }
        String[] tags = Vocabulary.tagNames(random, random.nextInt(MAX_TAGS_ON_A_PAGE + 1));
        page.tagged(tags);
        tagNames.addAll(List.of(tags));
        if (chance(PAGE_WITH_EMAILS_PERCENT)) {
            int emails = random.nextInt(1, MAX_EMAILS_ON_A_PAGE + 1);
            for (int i = 0; i < emails; i++) {
                page.email(Vocabulary.emailSubject(random), timestamp(), body());
            }
        }
    }

    private void addWidget(PageBuilder page) {
        int kind = random.nextInt(100);
        if (kind < 45) {
            page.note(chance(UNTITLED_NOTE_PERCENT) ? "" : Vocabulary.noteTitle(random), timestamp(), body());
        } else if (kind < 80) {
            page.list(Vocabulary.listName(random), items());
        } else if (kind < 94) {
            page.separator(Vocabulary.separatorName(random));
        } else if (kind < 97) {
            page.gallery(Vocabulary.galleryName(random), images());
        } else {
            page.attachment(Vocabulary.attachmentName(random));
        }
    }

    /** Most lists are short; a few run long, as a real backup's slowest pages do. */
    private List<ItemDraft> items() {
        int count = chance(LONG_LIST_PERCENT)
                ? random.nextInt(MAX_SHORT_LIST + 1, MAX_LONG_LIST + 1)
                : random.nextInt(MAX_SHORT_LIST + 1);
        long created = SeedTimestamps.creation(random);
        // Open items keep the list's creation time, sharing one string; completing an item moves its updated_at.
        String createdAt = SeedTimestamps.format(created);
        List<ItemDraft> items = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            boolean completed = chance(COMPLETED_ITEM_PERCENT);
            String updatedAt = completed ? SeedTimestamps.format(SeedTimestamps.editAfter(created, random)) : createdAt;
            items.add(new ItemDraft(Vocabulary.itemContent(random), completed, updatedAt));
        }
        return items;
    }

    private List<ImageDraft> images() {
        int count = random.nextInt(1, MAX_GALLERY_IMAGES + 1);
        List<ImageDraft> images = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            images.add(new ImageDraft(Vocabulary.imageFileName(random), Vocabulary.imageDescription(random)));
        }
        return images;
    }

    private String timestamp() {
        return SeedTimestamps.format(SeedTimestamps.creation(random));
    }

    private String body() {
        return Vocabulary.body(random, random.nextInt(1, MAX_BODY_LINES + 1));
    }

    private boolean chance(int percent) {
        return random.nextInt(100) < percent;
    }
}
