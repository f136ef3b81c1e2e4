package org.backpackbatch.emulator.seed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.backpackbatch.api.model.Belonging;
import org.backpackbatch.api.model.Item;
import org.backpackbatch.api.model.ItemList;
import org.backpackbatch.api.model.Page;
import org.backpackbatch.api.model.Scope;
import org.backpackbatch.api.model.Tag;
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
}
