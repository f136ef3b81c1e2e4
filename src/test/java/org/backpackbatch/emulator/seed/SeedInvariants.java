package org.backpackbatch.emulator.seed;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.backpackbatch.api.model.Attachment;
import org.backpackbatch.api.model.Belonging;
import org.backpackbatch.api.model.Bookmark;
import org.backpackbatch.api.model.Calendar;
import org.backpackbatch.api.model.CalendarEvent;
import org.backpackbatch.api.model.Email;
import org.backpackbatch.api.model.Gallery;
import org.backpackbatch.api.model.Image;
import org.backpackbatch.api.model.Item;
import org.backpackbatch.api.model.ItemList;
import org.backpackbatch.api.model.JournalEntry;
import org.backpackbatch.api.model.Note;
import org.backpackbatch.api.model.Page;
import org.backpackbatch.api.model.Separator;
import org.backpackbatch.api.model.Status;
import org.backpackbatch.api.model.Tag;
import org.backpackbatch.api.model.User;
import org.backpackbatch.api.model.WidgetType;

/** What every seed must satisfy for the emulator to serve it as a real Backpack account would. */
final class SeedInvariants {

    private static final String TIMESTAMP = "200[5-8]-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d";
    /** REST-style times: ISO-8601 in UTC, in Backpack's years. */
    private static final String ISO_TIMESTAMP = "200[5-8]-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ";

    private final Set<Long> ids = new HashSet<>();
    private final Map<String, Long> tagIdsByName = new HashMap<>();
    private final Set<String> emailAddresses = new HashSet<>();

    private SeedInvariants() {
    }

    static void assertConsistent(AccountSeed seed, String accountName) {
        SeedInvariants invariants = new SeedInvariants();
        for (Page page : seed.pages()) {
            invariants.checkPage(page, accountName);
        }
        invariants.checkEmails(seed);
        invariants.checkTagIdsAreTheirOwn();
        invariants.checkWholeAccount(seed);
        assertThat(SeedContents.texts(seed)).allSatisfy(SeedInvariants::assertLegalInXml);
    }

    private void checkPage(Page page, String accountName) {
        claim(page.id(), "page " + page.title());
        assertThat(page.scope()).as("scope of page %d", page.id()).isNotNull();
        assertThat(page.emailAddress()).matches("[a-z0-9]{5}@" + accountName + "\\.backpackit\\.com");
        assertThat(emailAddresses.add(page.emailAddress())).as("address %s used once", page.emailAddress()).isTrue();

        checkBelongings(page);
        for (Note note : page.notes()) {
            claim(note.id(), "note");
            assertThat(note.createdAt()).matches(TIMESTAMP);
        }
        for (ItemList list : page.lists()) {
            claim(list.id(), "list");
            for (Item item : list.items()) {
                claim(item.id(), "item");
                assertThat(item.listId()).isEqualTo(list.id());
                assertThat(item.updatedAt()).matches(TIMESTAMP);
            }
        }
        page.separators().forEach(separator -> claim(separator.id(), "separator"));
        for (Gallery gallery : page.galleries()) {
            claim(gallery.id(), "gallery");
            for (Image image : gallery.images()) {
                claim(image.id(), "image");
                assertThat(image.galleryId()).isEqualTo(gallery.id());
            }
        }
        page.attachments().forEach(attachment -> claim(attachment.id(), "attachment"));

        assertThat(page.tags()).extracting(Tag::name).as("tags of page %d", page.id()).doesNotHaveDuplicates();
        for (Tag tag : page.tags()) {
            Long known = tagIdsByName.putIfAbsent(tag.name(), tag.id());
            assertThat(known).as("id of tag %s", tag.name()).isIn(null, tag.id());
        }
    }

    /** Positions run 1..n, and belongings and widgets correspond one to one. */
    private void checkBelongings(Page page) {
        List<Belonging> belongings = page.belongings();
        belongings.forEach(belonging -> claim(belonging.id(), "belonging"));
        assertThat(belongings).extracting(Belonging::position)
                .containsExactlyElementsOf(IntStream.rangeClosed(1, belongings.size()).boxed().toList());
        assertThat(belongings).extracting(Belonging::widgetType)
                .allMatch(type -> List.of(WidgetType.NOTE, WidgetType.LIST, WidgetType.SEPARATOR, WidgetType.GALLERY, WidgetType.ASSET).contains(type));
        assertThat(widgetIds(belongings, WidgetType.NOTE)).containsExactlyInAnyOrderElementsOf(page.notes().stream().map(Note::id).toList());
        assertThat(widgetIds(belongings, WidgetType.LIST)).containsExactlyInAnyOrderElementsOf(page.lists().stream().map(ItemList::id).toList());
        assertThat(widgetIds(belongings, WidgetType.SEPARATOR)).containsExactlyInAnyOrderElementsOf(page.separators().stream().map(Separator::id).toList());
        assertThat(widgetIds(belongings, WidgetType.GALLERY)).containsExactlyInAnyOrderElementsOf(page.galleries().stream().map(Gallery::id).toList());
        assertThat(widgetIds(belongings, WidgetType.ASSET)).containsExactlyInAnyOrderElementsOf(page.attachments().stream().map(Attachment::id).toList());
    }

    private void checkEmails(AccountSeed seed) {
        Set<Long> pageIds = new HashSet<>();
        seed.pages().forEach(page -> pageIds.add(page.id()));
        seed.emailsByPage().forEach((pageId, emails) -> {
            assertThat(pageIds).as("pages of the seed").contains(pageId);
            assertThat(emails).as("emails of page %d", pageId).isNotEmpty();
            for (Email email : emails) {
                claim(email.id(), "email");
                assertThat(email.createdAt()).matches(TIMESTAMP);
            }
        });
    }

    /**
     * Users, the owner first; everything a user made names a user of the account; bookmarks lead to
     * the account's pages and tags; events to its calendars; times are ISO-8601; ids are never shared.
     */
    private void checkWholeAccount(AccountSeed seed) {
        Map<Long, String> users = new HashMap<>();
        for (User user : seed.users()) {
            claim(user.id(), "user " + user.name());
            users.put(user.id(), user.name());
        }
        assertThat(seed.users().get(0)).isEqualTo(seed.owner().user());
        Set<Long> pageIds = new HashSet<>();
        seed.pages().forEach(page -> pageIds.add(page.id()));
        if (seed.owner().startPageId() != null) {
            assertThat(pageIds).contains(seed.owner().startPageId());
        }
        for (ReminderDraft reminder : seed.reminders()) {
            claim(reminder.id(), "reminder");
            assertThat(users).containsKey(reminder.creatorId());
            assertThat(reminder.remindeeIds()).isNotEmpty().allMatch(users::containsKey).doesNotHaveDuplicates();
        }
        for (JournalEntry entry : seed.journal()) {
            claim(entry.id(), "journal entry");
            assertThat(users.get(entry.userId())).isEqualTo(entry.userName());
            assertThat(entry.createdAt()).matches(ISO_TIMESTAMP);
            assertThat(entry.updatedAt()).matches(ISO_TIMESTAMP).isGreaterThanOrEqualTo(entry.createdAt());
        }
        assertThat(seed.statuses()).extracting(Status::userId).as("one status a user at most").doesNotHaveDuplicates();
        for (Status status : seed.statuses()) {
            claim(status.id(), "status");
            assertThat(users.get(status.userId())).isEqualTo(status.userName());
            assertThat(status.updatedAt()).matches(ISO_TIMESTAMP);
        }
        Set<Long> calendarIds = new HashSet<>();
        for (Calendar calendar : seed.calendars()) {
            claim(calendar.id(), "calendar " + calendar.name());
            calendarIds.add(calendar.id());
            assertThat(calendar.createdAt()).matches(ISO_TIMESTAMP);
            assertThat(calendar.updatedAt()).matches(ISO_TIMESTAMP);
        }
        for (CalendarEvent event : seed.events()) {
            claim(event.id(), "event " + event.title());
            assertThat(calendarIds).contains(event.calendarId());
            assertThat(event.occursAt()).matches(ISO_TIMESTAMP);
        }
        Map<Long, List<Integer>> positions = new HashMap<>();
        for (Bookmark bookmark : seed.bookmarks()) {
            claim(bookmark.id(), "bookmark");
            assertThat(users).containsKey(bookmark.userId());
            assertThat(bookmark.bookmarkableType()).isIn(Bookmark.PAGE, Bookmark.TAG);
            assertThat(bookmark.bookmarkableType().equals(Bookmark.PAGE) ? pageIds : Set.copyOf(tagIdsByName.values()))
                    .as("what bookmark %d leads to", bookmark.id()).contains(bookmark.bookmarkableId());
            positions.computeIfAbsent(bookmark.userId(), unused -> new ArrayList<>()).add(bookmark.position());
        }
        positions.values().forEach(each -> assertThat(each)
                .containsExactlyElementsOf(IntStream.rangeClosed(1, each.size()).boxed().toList()));
    }

    /** Tag ids come from the same sequence as everything else, so they must not reuse another id. */
    private void checkTagIdsAreTheirOwn() {
        tagIdsByName.forEach((name, id) -> claim(id, "tag " + name));
    }

    private void claim(long id, String what) {
        assertThat(ids.add(id)).as("id %d of %s is not used by anything else", id, what).isTrue();
    }

    private static List<Long> widgetIds(List<Belonging> belongings, String widgetType) {
        return belongings.stream().filter(belonging -> belonging.widgetType().equals(widgetType)).map(Belonging::widgetId).toList();
    }

    /** XML 1.0 characters, minus the carriage return, which XML parsers rewrite to a newline. */
    private static void assertLegalInXml(String text) {
        assertThat(text).isNotNull();
        assertThat(text.codePoints()).as("characters of %s", text).allMatch(c -> c == '\t' || c == '\n'
                || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF));
    }
}
