package org.backpackbatch.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.List;
import org.backpackbatch.api.model.Belonging;
import org.backpackbatch.api.model.Note;
import org.backpackbatch.api.model.PageSummary;
import org.backpackbatch.api.model.WidgetType;
import org.backpackbatch.api.xml.BackpackXmlReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The note endpoints of the emulator, over real HTTP, against the demo account. */
class NotesEndpointTest {

    @RegisterExtension
    final LiveAccount acme = LiveAccount.demo();

    @Test
    void listAnswersTheNotesOldestFirstInThePublishedShape() {
        long pageId = acme.pageId("Japan, someday");
        List<Note> notes = acme.notes(pageId);

        String body = acme.ok("/ws/page/" + pageId + "/notes/list", "").body();

        assertThat(body).isEqualTo("<response success='true'><notes>"
                + "<note id='" + notes.get(0).id() + "' title='Rail pass' created_at='2008-06-14 22:19:58'>"
                + "A 14-day JR pass covers Tokyo, Kyoto (京都) and Hiroshima; buy it before leaving home.</note>"
                + "<note id='" + notes.get(1).id() + "' title='' created_at='2008-06-15 08:03:11'>"
                + "Ask Kenji about ryokan near Arashiyama.</note>"
                + "</notes></response>");
    }

    @Test
    void listIsOldestFirstWhateverOrderTheNotesWereSeededIn() {
        try (LiveAccount generated = LiveAccount.start(LiveAccount.unlimited().withSeed("60", 7), "acme")) {
            int pagesWithSeveralNotes = 0;
            for (PageSummary page : generated.pages()) {
                List<Note> notes = generated.notes(page.id());
                assertThat(notes).as("notes of page %d", page.id()).isSortedAccordingTo(Comparator.comparing(Note::createdAt));
                pagesWithSeveralNotes += notes.size() > 1 ? 1 : 0;
            }
            assertThat(pagesWithSeveralNotes).as("pages that can show an order").isGreaterThan(5);
        }
    }

    @Test
    void createAnswersTheNoteAndAddsItsBelongingAtTheEndOfThePage() {
        long pageId = acme.pageId("Kitchen renovation");
        int widgetsBefore = acme.page(pageId).belongings().size();

        String body = acme.ok("/ws/page/" + pageId + "/notes/create",
                "<note><title>Tiles</title><body>Blue, 10 cm</body><show-created-at>true</show-created-at></note>").body();

        Note created = BackpackXmlReader.readNote(LiveAccount.stream(body));
        assertThat(body).isEqualTo("<response success='true'><note id='" + created.id() + "' title='Tiles' created_at='"
                + created.createdAt() + "'>Blue, 10 cm</note></response>");
        assertThat(created.createdAt()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
        assertThat(acme.page(pageId).belongings()).hasSize(widgetsBefore + 1).last()
                .extracting(Belonging::position, Belonging::widgetType, Belonging::widgetId)
                .containsExactly(widgetsBefore + 1, WidgetType.NOTE, created.id());
        assertThat(acme.notes(pageId)).last().isEqualTo(created);
    }

    @Test
    void createKeepsAnyTextAndAllowsAnEmptyTitle() {
        long pageId = acme.pageId("Someday");
        String text = "Ünïcode 京都 & <markup> \"quoted\" 'single'\nsecond line";

        Note created = acme.newNote(pageId, "", text);

        assertThat(created.title()).isEmpty();
        assertThat(created.body()).isEqualTo(text);
        assertThat(acme.page(pageId).notes()).containsExactly(created);
    }

    @Test
    void updateChangesTitleAndBodyAndKeepsCreationTimeAndPlace() {
        long pageId = acme.pageId("Kitchen renovation");
        Note budget = acme.notes(pageId).get(0);
        List<Belonging> belongings = acme.page(pageId).belongings();

        acme.done("/ws/page/" + pageId + "/notes/update/" + budget.id(),
                "<note><title>Budget 2008</title><body>Cap: $20,000</body><show-created-at>false</show-created-at></note>");

        assertThat(acme.notes(pageId).get(0)).isEqualTo(new Note(budget.id(), "Budget 2008", budget.createdAt(), "Cap: $20,000"));
        assertThat(acme.page(pageId).belongings()).isEqualTo(belongings);
    }

    @Test
    void destroyRemovesTheNoteAndItsBelongingAndRenumbersTheRest() {
        long pageId = acme.pageId("Lisbon & Sintra, May 2007");
        Note hotel = acme.notes(pageId).get(0);

        acme.done("/ws/page/" + pageId + "/notes/destroy/" + hotel.id(), "");

        assertThat(acme.notes(pageId)).extracting(Note::title).containsExactly("Itinerary");
        List<Belonging> belongings = acme.page(pageId).belongings();
        assertThat(belongings).extracting(Belonging::position).containsExactly(1, 2, 3, 4, 5);
        assertThat(belongings).extracting(Belonging::widgetType).containsExactly(
                WidgetType.LIST, WidgetType.SEPARATOR, WidgetType.NOTE, WidgetType.GALLERY, WidgetType.ASSET);
        acme.assertNotFound("/ws/page/" + pageId + "/notes/destroy/" + hotel.id(), "");
    }

    @Test
    void aNoteIsFoundOnlyOnItsOwnPage() {
        long recipes = acme.pageId("Recipes");
        long gardenNote = acme.notes(acme.pageId("Garden")).get(0).id();

        acme.assertNotFound("/ws/page/" + recipes + "/notes/update/" + gardenNote, "<note><title>T</title><body>B</body></note>");
        acme.assertNotFound("/ws/page/" + recipes + "/notes/destroy/" + gardenNote, "");
        acme.assertNotFound("/ws/page/" + recipes + "/notes/update/999", "<note><title>T</title><body>B</body></note>");
    }
}
