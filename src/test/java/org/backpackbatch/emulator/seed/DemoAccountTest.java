package org.backpackbatch.emulator.seed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.backpackbatch.api.model.Belonging;
import org.backpackbatch.api.model.Bookmark;
import org.backpackbatch.api.model.Calendar;
import org.backpackbatch.api.model.CalendarEvent;
import org.backpackbatch.api.model.CurrentUser;
import org.backpackbatch.api.model.Item;
import org.backpackbatch.api.model.ItemList;
import org.backpackbatch.api.model.JournalEntry;
import org.backpackbatch.api.model.Page;
import org.backpackbatch.api.model.Scope;
import org.backpackbatch.api.model.Status;
import org.backpackbatch.api.model.Tag;
import org.backpackbatch.api.model.User;
import org.backpackbatch.api.model.WidgetType;
import org.junit.jupiter.api.Test;

class DemoAccountTest {

    private static final AccountSeed DEMO = DemoAccount.create("acme", IdSequence.startingAt(1));

    @Test
    void isConsistent() {
        SeedInvariants.assertConsistent(DEMO, "acme");
    }

    @Test
    void isTheSameForTheSameIds() {
        assertThat(DemoAccount.create("acme", IdSequence.startingAt(1))).isEqualTo(DEMO);
    }

    @Test
    void takesItsIdsFromTheSupplier() {
        AccountSeed shifted = DemoAccount.create("acme", IdSequence.startingAt(5001));

        assertThat(shifted.pages()).extracting(Page::id)
                .containsExactlyElementsOf(DEMO.pages().stream().map(page -> page.id() + 5000).toList());
    }

    @Test
    void isASmallAccountWithTagsASpaceInOneOfThem() {
        assertThat(DEMO.pages()).hasSizeBetween(8, 12);
        assertThat(DEMO.pages()).flatExtracting(Page::tags).extracting(Tag::name)
                .contains("Travel", "Food", "Home", "Long Reads");
    }

    @Test
    void hasOneSharedPageAndOneEmptyPage() {
        assertThat(DEMO.pages()).filteredOn(page -> page.scope() == Scope.FRIENDS).hasSize(1);
        assertThat(DEMO.pages()).filteredOn(page -> page.belongings().isEmpty()).hasSize(1);
    }

    @Test
    void hasTwoOrThreeEmailsOnOnePage() {
        assertThat(DEMO.emailsByPage()).hasSize(1);
        assertThat(DEMO.emailsByPage().values().iterator().next()).hasSizeBetween(2, 3);
    }

    @Test
    void hasAGalleryAndAnAttachmentOnOnePage() {
        assertThat(DEMO.pages()).anySatisfy(page -> {
            assertThat(page.galleries()).isNotEmpty();
            assertThat(page.attachments()).isNotEmpty();
        });
    }

    @Test
    void hasASeparatorBetweenSections() {
        assertThat(DEMO.pages()).anySatisfy(page -> {
            List<String> types = page.belongings().stream().map(Belonging::widgetType).toList();
            int separator = types.indexOf(WidgetType.SEPARATOR);
            assertThat(separator).isBetween(1, types.size() - 2);
        });
    }

    @Test
    void hasAReadingListWithSomeBooksFinished() {
        Page readingList = DEMO.pages().stream().filter(page -> page.title().equals("Reading list")).findFirst().orElseThrow();

        assertThat(readingList.lists()).flatExtracting(ItemList::items)
                .extracting(Item::completed).contains(true, false);
    }

    @Test
    void readsLikeRealTextWithAccentsAndAnAmpersand() {
        List<String> texts = SeedContents.texts(DEMO).toList();

        assertThat(texts).anyMatch(text -> text.contains("&"));
        assertThat(texts).anyMatch(text -> text.contains("é"));
        assertThat(SeedContents.notes(DEMO)).anyMatch(note -> note.body().contains("\n"));
    }

    @Test
    void refusesAMissingAccountName() {
        assertThatThrownBy(() -> DemoAccount.create(" ", IdSequence.startingAt(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("account name");
    }

    @Test
    void isOwnedBySamAndSharedWithAlexWhoseThingsComeAfterThePages() {
        assertThat(DEMO.users()).extracting(User::name).containsExactly("Sam Harper", "Alex Harper");
        assertThat(DEMO.owner()).isEqualTo(new CurrentUser(DEMO.users().get(0).id(), "Sam Harper", "sam.harper@example.com",
                DEMO.pages().get(0).id(), "UTC"));
        long lastPageId = DEMO.pages().get(DEMO.pages().size() - 1).id();
        assertThat(DEMO.users()).allMatch(user -> user.id() > lastPageId);
    }

    @Test
    void hasUpcomingRemindersForBothUsersAndOneAlreadyPast() {
        List<User> users = DEMO.users();

        assertThat(DEMO.reminders()).hasSizeBetween(3, 6);
        assertThat(DEMO.reminders()).filteredOn(reminder -> reminder.dueIn().isNegative()).hasSize(1);
        for (User user : users) {
            assertThat(DEMO.reminders()).as("upcoming reminders of %s", user.name())
                    .anyMatch(reminder -> !reminder.dueIn().isNegative() && reminder.remindeeIds().contains(user.id()));
        }
    }

    @Test
    void hasAJournalOfBothUsersAndOneStatus() {
        assertThat(DEMO.journal()).hasSizeBetween(3, 8);
        assertThat(DEMO.journal()).extracting(JournalEntry::userName).contains("Sam Harper", "Alex Harper");
        assertThat(DEMO.journal()).anyMatch(entry -> entry.body().contains("\n") && entry.body().contains("&") && entry.body().contains("<"));
        assertThat(DEMO.statuses()).extracting(Status::userName).containsExactly("Sam Harper");
    }

    @Test
    void hasTwoCalendarsEachWithEvents() {
        assertThat(DEMO.calendars()).extracting(Calendar::name).containsExactly("Family", "Home");
        for (Calendar calendar : DEMO.calendars()) {
            assertThat(DEMO.events()).filteredOn(event -> event.calendarId() == calendar.id()).hasSizeBetween(2, 4);
        }
        assertThat(DEMO.events()).extracting(CalendarEvent::remind).contains(true, false);
    }

    @Test
    void bookmarksAPageAndATagForEachUser() {
        for (User user : DEMO.users()) {
            assertThat(DEMO.bookmarks()).filteredOn(bookmark -> bookmark.userId() == user.id())
                    .extracting(Bookmark::bookmarkableType).containsExactly(Bookmark.PAGE, Bookmark.TAG);
        }
    }
}
