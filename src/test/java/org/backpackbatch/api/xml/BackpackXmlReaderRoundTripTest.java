package org.backpackbatch.api.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.backpackbatch.api.xml.XmlBodies.answer;
import static org.backpackbatch.api.xml.XmlBodies.written;

import java.util.List;
import java.util.stream.Stream;
import org.backpackbatch.api.BackpackErrorException;
import org.backpackbatch.api.model.Attachment;
import org.backpackbatch.api.model.Belonging;
import org.backpackbatch.api.model.Email;
import org.backpackbatch.api.model.Gallery;
import org.backpackbatch.api.model.Image;
import org.backpackbatch.api.model.Item;
import org.backpackbatch.api.model.ItemList;
import org.backpackbatch.api.model.Note;
import org.backpackbatch.api.model.Page;
import org.backpackbatch.api.model.PageSummary;
import org.backpackbatch.api.model.Scope;
import org.backpackbatch.api.model.Separator;
import org.backpackbatch.api.model.Tag;
import org.backpackbatch.api.model.WidgetType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Whatever BackpackXmlWriter writes, BackpackXmlReader reads back as equal records. */
class BackpackXmlReaderRoundTripTest {

    /** Texts that break naive XML handling. */
    static Stream<String> trickyTexts() {
        return Stream.of(
                "",
                " ",
                "  leading and trailing  ",
                "first line\nsecond line\n\n  indented third\n",
                "windows\r\nline ends\rand a lone CR",
                "tab\there",
                "& < > ' \"",
                "&amp; &lt; &#10; &unknown; written literally",
                "]]> <![CDATA[ not a section ]]>",
                "<note id='1'>looks like markup</note>",
                "日本語のメモ 中文 한국어",
                "emoji 😀👍🏽 and flags 🇯🇵",
                "mixed 'single' and \"double\" quotes",
                "non-breaking\u00a0space and zero\u200bwidth",
                "long ".repeat(10_000));
    }

    static Page fullPage(String text) {
        return new Page(42, text, Scope.PERSONAL, "x7k2q@acme.backpackit.com",
                List.of(new Belonging(501, 1, WidgetType.NOTE, 900),
                        new Belonging(502, 2, WidgetType.LIST, 77),
                        new Belonging(503, 3, WidgetType.SEPARATOR, 12),
                        new Belonging(504, 4, WidgetType.GALLERY, 5),
                        new Belonging(505, 5, WidgetType.ASSET, 31)),
                List.of(new Note(900, text, "2006-03-01 10:00:00", text),
                        new Note(901, "", "2006-03-02 10:00:00", "")),
                List.of(new ItemList(77, text, List.of(
                                new Item(3001, null, false, null, text),
                                new Item(3002, null, true, null, "Charger"))),
                        new ItemList(78, "", List.of())),
                List.of(new Tag(4, text), new Tag(5, "Long Scores")),
                List.of(new Separator(12, text)),
                List.of(new Gallery(5, text, List.of(new Image(8, "a b&c.jpg", 5, text))), new Gallery(6, "empty", List.of())),
                List.of(new Attachment(31, "tickets \"final\".pdf")));
    }

    @ParameterizedTest
    @MethodSource("trickyTexts")
    void fullPageWithEverySection(String text) {
        Page page = fullPage(text);

        assertThat(BackpackXmlReader.readPage(answer(writer -> writer.page(page)))).isEqualTo(page);
    }

    @Test
    void pagesOfEitherScopeAndAnEmptyPage() {
        Page friends = fullPage("shared").withScope(Scope.FRIENDS);
        Page withoutScope = fullPage("from the API").withScope(null);
        Page empty = Page.empty(7, "", null, null);

        for (Page page : List.of(friends, withoutScope, empty)) {
            assertThat(BackpackXmlReader.readPage(answer(writer -> writer.page(page)))).isEqualTo(page);
        }
    }

    @ParameterizedTest
    @MethodSource("trickyTexts")
    void everyOtherAnswerShape(String text) {
        List<PageSummary> pages = List.of(new PageSummary(1, text, Scope.PERSONAL), new PageSummary(2, "", Scope.FRIENDS),
                new PageSummary(3, "no scope", null));
        List<Note> notes = List.of(new Note(1, text, "2005-05-14 16:41:11", text), new Note(2, "", "", ""));
        List<ItemList> lists = List.of(new ItemList(77, text, List.of()), new ItemList(78, "", List.of()));
        List<Item> items = List.of(new Item(1, 77L, false, "2005-05-14 16:41:11", text), new Item(2, 77L, true, null, ""),
                new Item(3, null, true, null, "no list"));
        List<Email> emails = List.of(new Email(5, text, "2006-01-02 03:04:05", text));

        assertThat(BackpackXmlReader.readPageSummaries(answer(writer -> writer.pageSummaries(pages)))).isEqualTo(pages);
        assertThat(BackpackXmlReader.readPageSummary(answer(writer -> writer.pageSummary(pages.get(0))))).isEqualTo(pages.get(0));
        assertThat(BackpackXmlReader.readNotes(answer(writer -> writer.notes(notes)))).isEqualTo(notes);
        assertThat(BackpackXmlReader.readNote(answer(writer -> writer.note(notes.get(0))))).isEqualTo(notes.get(0));
        assertThat(BackpackXmlReader.readListSummaries(answer(writer -> writer.listSummaries(lists)))).isEqualTo(lists);
        assertThat(BackpackXmlReader.readListSummary(answer(writer -> writer.listSummary(lists.get(0))))).isEqualTo(lists.get(0));
        assertThat(BackpackXmlReader.readItems(answer(writer -> writer.items(items)))).isEqualTo(items);
        assertThat(BackpackXmlReader.readItem(answer(writer -> writer.item(items.get(0))))).isEqualTo(items.get(0));
        assertThat(BackpackXmlReader.readEmails(answer(writer -> writer.emails(emails)))).isEqualTo(emails);
        assertThat(BackpackXmlReader.readEmail(answer(writer -> writer.email(emails.get(0))))).isEqualTo(emails.get(0));
        assertThat(BackpackXmlReader.readSeparatorResource(written(writer -> writer.separatorResource(new Separator(12, text), 42))))
                .isEqualTo(new BackpackXmlReader.SeparatorResource(new Separator(12, text), 42));
    }

    @Test
    void aNoteBodyOfSeveralMegabytes() {
        Note note = new Note(1, "big", "2005-05-14 16:41:11", "line of a long note 😀\n".repeat(100_000));

        assertThat(BackpackXmlReader.readNote(answer(writer -> writer.note(note)))).isEqualTo(note);
    }

    @Test
    void emptyLists() {
        assertThat(BackpackXmlReader.readPageSummaries(answer(writer -> writer.pageSummaries(List.of())))).isEmpty();
        assertThat(BackpackXmlReader.readNotes(answer(writer -> writer.notes(List.of())))).isEmpty();
        assertThat(BackpackXmlReader.readItems(answer(writer -> writer.items(List.of())))).isEmpty();
        assertThat(BackpackXmlReader.readEmails(answer(writer -> writer.emails(List.of())))).isEmpty();
    }

    @Test
    void emptySuccess() {
        BackpackXmlReader.readSuccess(written(BackpackXmlWriter::emptySuccess));
        BackpackXmlReader.readSuccess(written(writer -> writer.declaration().emptySuccess()));
    }

    @ParameterizedTest
    @MethodSource("trickyTexts")
    void errorsWithAndWithoutThePublishedQuirk(String text) {
        for (boolean publishedQuirk : new boolean[] {true, false}) {
            assertThatThrownBy(() -> BackpackXmlReader.readPage(written(writer -> writer.error(404, "Record " + text, publishedQuirk))))
                    .isInstanceOfSatisfying(BackpackErrorException.class, e -> {
                        assertThat(e.code()).isEqualTo(404);
                        assertThat(e.errorMessage()).isEqualTo("Record " + text);
                    });
        }
    }

    @ParameterizedTest
    @MethodSource("trickyTexts")
    void requests(String text) {
        XmlElement request = BackpackXmlReader.readRequest(written(writer -> writer.beginRequest("0123456789abcdef0123456789abcdef01234567")
                .start("page").element("title", text).end()
                .start("item").attr("completed", "true").element("content", text).end()
                .element("item-id", "3").element("item-id", "1")
                .end()));

        assertThat(request.name()).isEqualTo("request");
        assertThat(request.childText("token")).isEqualTo("0123456789abcdef0123456789abcdef01234567");
        assertThat(request.child("page").childText("title")).isEqualTo(text);
        assertThat(request.child("item").attribute("completed")).isEqualTo("true");
        assertThat(request.child("item").childText("content")).isEqualTo(text);
        assertThat(request.children("item-id")).extracting(XmlElement::text).containsExactly("3", "1");
    }
}
