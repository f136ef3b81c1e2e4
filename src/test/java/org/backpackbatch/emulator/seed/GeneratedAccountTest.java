package org.backpackbatch.emulator.seed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.backpackbatch.api.model.Bookmark;
import org.backpackbatch.api.model.CalendarEvent;
import org.backpackbatch.api.model.Item;
import org.backpackbatch.api.model.ItemList;
import org.backpackbatch.api.model.JournalEntry;
import org.backpackbatch.api.model.Note;
import org.backpackbatch.api.model.Page;
import org.backpackbatch.api.model.Scope;
import org.backpackbatch.api.model.Tag;
import org.backpackbatch.api.model.User;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GeneratedAccountTest {

    private static final int PAGES = 1_000;
    private static final AccountSeed ACCOUNT = GeneratedAccount.generate(PAGES, 42, "acme", IdSequence.startingAt(1));
    private static final List<String> AWKWARD_TEXT = List.of("&", "<", ">", "'", "\"", "é", "ü", "日本語", "🎒");

    @Test
    void isTheSameForTheSameSeedAndIds() {
        assertThat(GeneratedAccount.generate(PAGES, 42, "acme", IdSequence.startingAt(1))).isEqualTo(ACCOUNT);
    }

    @Test
    void differsForAnotherSeed() {
        assertThat(GeneratedAccount.generate(PAGES, 43, "acme", IdSequence.startingAt(1))).isNotEqualTo(ACCOUNT);
    }

    @ParameterizedTest
    @ValueSource(longs = {42, 7, -123_456_789})
    void isConsistent(long seedValue) {
        AccountSeed account = GeneratedAccount.generate(PAGES, seedValue, "acme", IdSequence.startingAt(1));

        assertThat(account.pages()).hasSize(PAGES);
        SeedInvariants.assertConsistent(account, "acme");
    }

    @Test
    void hasEmptyPagesAndAboutFivePercentSharedPages() {
        assertThat(ACCOUNT.pages()).anyMatch(page -> page.belongings().isEmpty());
        assertThat(ACCOUNT.pages()).filteredOn(page -> page.scope() == Scope.FRIENDS).hasSizeBetween(PAGES * 3 / 100, PAGES * 7 / 100);
    }

    @Test
    void hasUntitledAndMultiLineNotes() {
        assertThat(SeedContents.notes(ACCOUNT)).anyMatch(note -> note.title().isEmpty());
        assertThat(SeedContents.notes(ACCOUNT)).anyMatch(note -> note.body().contains("\n"));
    }

    @Test
    void writesXmlSpecialsAccentsCjkAndEmojiEverywhere() {
        assertContainsAwkwardText("page titles", ACCOUNT.pages().stream().map(Page::title));
        assertContainsAwkwardText("note titles", SeedContents.notes(ACCOUNT).map(Note::title));
        assertContainsAwkwardText("note bodies", SeedContents.notes(ACCOUNT).map(Note::body));
        assertContainsAwkwardText("list names", SeedContents.lists(ACCOUNT).map(ItemList::name));
        assertContainsAwkwardText("item contents", SeedContents.items(ACCOUNT).map(Item::content));
    }

    @Test
    void hasMostlyShortListsAFewLongOnesAndCompletedItems() {
        List<Integer> sizes = SeedContents.lists(ACCOUNT).map(list -> list.items().size()).toList();

        assertThat(sizes).contains(0).allMatch(size -> size <= 200).anyMatch(size -> size >= 100);
        assertThat(sizes).filteredOn(size -> size <= 15).hasSizeGreaterThan(sizes.size() * 9 / 10);
        assertThat(SeedContents.items(ACCOUNT)).anyMatch(Item::completed).anyMatch(item -> !item.completed());
    }

    @Test
    void sharesTagsSomeWithSpacesAcrossPages() {
        List<Tag> tags = ACCOUNT.pages().stream().flatMap(page -> page.tags().stream()).toList();

        assertThat(tags).extracting(Tag::name).anyMatch(name -> name.contains(" "));
        assertThat(tags.stream().distinct().count()).isLessThan(tags.size() / 10);
    }

    @Test
    void hasSeparatorsGalleriesAttachmentsAndEmails() {
        assertThat(ACCOUNT.pages()).anyMatch(page -> !page.separators().isEmpty());
        assertThat(ACCOUNT.pages()).anyMatch(page -> !page.galleries().isEmpty());
        assertThat(ACCOUNT.pages()).anyMatch(page -> !page.attachments().isEmpty());
        assertThat(ACCOUNT.emailsByPage()).isNotEmpty();
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void generatesTwentyThousandPagesQuickly() {
        AccountSeed large = GeneratedAccount.generate(20_000, 2008, "bigco", IdSequence.startingAt(1));

        assertThat(large.pages()).hasSize(20_000);
        assertThat(large.pages().stream().map(Page::emailAddress).distinct().count()).isEqualTo(20_000);
    }

    @Test
    void generatesNoPagesWhenAskedForNoneAndNothingButTheOwner() {
        AccountSeed empty = GeneratedAccount.generate(0, 42, "acme", IdSequence.startingAt(1));

        assertThat(empty.pages()).isEmpty();
        assertThat(empty).isEqualTo(AccountSeed.empty("acme", IdSequence.startingAt(1)));
    }

    @ParameterizedTest(name = "{0} pages: {1} users, {2} reminders, {3} calendars, {4} events, {5} bookmarks of the owner")
    @CsvSource({"250, 4, 25, 3, 63, 13", "1000, 10, 100, 10, 250, 50", "20, 2, 2, 1, 5, 1"})
    void growsTheWholeAccountInProportionToItsPages(int pages, int users, int reminders, int calendars, int events, int ownerBookmarks) {
        AccountSeed account = GeneratedAccount.generate(pages, 42, "acme", IdSequence.startingAt(1));

        assertThat(account.users()).hasSize(users);
        assertThat(account.journal()).as("one journal entry a page").hasSize(pages);
        assertThat(account.journal()).extracting(JournalEntry::userId).containsAll(account.users().stream().map(User::id).toList());
        assertThat(account.reminders()).hasSize(reminders);
        assertThat(account.statuses()).as("every user but the last has a status").hasSize(users - 1);
        assertThat(account.calendars()).hasSize(calendars);
        assertThat(account.events()).hasSize(events);
        assertThat(account.bookmarks()).filteredOn(bookmark -> bookmark.userId() == account.owner().id()).hasSize(ownerBookmarks);
        SeedInvariants.assertConsistent(account, "acme");
        assertThat(GeneratedAccount.generate(pages, 42, "acme", IdSequence.startingAt(1))).isEqualTo(account);
    }

    @Test
    void hasAJournalOfSeveralPagesAndUpcomingAndPastReminders() {
        assertThat(ACCOUNT.journal()).hasSizeGreaterThan(3 * 100);
        assertThat(ACCOUNT.reminders()).anyMatch(reminder -> reminder.dueIn().isNegative())
                .anyMatch(reminder -> !reminder.dueIn().isNegative())
                .anyMatch(reminder -> reminder.remindeeIds().size() > 1);
        assertThat(ACCOUNT.bookmarks()).extracting(Bookmark::bookmarkableType).contains(Bookmark.PAGE, Bookmark.TAG);
        assertThat(ACCOUNT.events()).extracting(CalendarEvent::remind).contains(true, false);
    }

    @Test
    void makesItsUsersAfterItsPagesSoThatPageIdsRunFromTheFirstId() {
        assertThat(ACCOUNT.pages().get(0).id()).isEqualTo(1);
        long lastPageThing = ACCOUNT.pages().get(PAGES - 1).id();
        assertThat(ACCOUNT.users()).allMatch(user -> user.id() > lastPageThing);
    }

    @Test
    void refusesANegativePageCount() {
        assertThatThrownBy(() -> GeneratedAccount.generate(-1, 42, "acme", IdSequence.startingAt(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
    }

    private static void assertContainsAwkwardText(String where, Stream<String> texts) {
        String all = String.join("\n", texts.toList());
        assertThat(all).as(where).contains(AWKWARD_TEXT);
    }
}
