package org.backpackbatch.api.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.backpackbatch.api.xml.XmlBodies.body;

import java.util.List;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The examples of /work/shared/backpack-api.md, as literal text, read field by field. */
class BackpackXmlReaderReferenceTest {

    /** Verbatim from the reference, "The full page". */
    private static final String FULL_PAGE = """
            <response success='true'>
              <page id='42' title='Trip planning' email_address='x7k2q@acme.backpackit.com'>
                <belongings>
                  <belonging id='501'><position>1</position><widget type='Note' id='900'/></belonging>
                  <belonging id='502'><position>2</position><widget type='List' id='77'/></belonging>
                  <belonging id='503'><position>3</position><widget type='Separator' id='12'/></belonging>
                  <belonging id='504'><position>4</position><widget type='Gallery' id='5'/></belonging>
                  <belonging id='505'><position>5</position><widget type='Asset' id='31'/></belonging>
                </belongings>
                <notes>
                  <note id='900' title='Hotel' created_at='2006-03-01 10:00:00'>Two nights, late check-in</note>
                </notes>
                <lists>
                  <list id='77' name='Packing'>
                    <items>
                      <item id='3001' completed='false'>Passport</item>
                      <item id='3002' completed="true">Charger</item>
                    </items>
                  </list>
                </lists>
                <galleries>
                  <gallery id='5' name='Photos'>
                    <images><image id='8' file_name='a.jpg' gallery_id='5' description='...'/></images>
                  </gallery>
                </galleries>
                <attachments><attachment id='31' file_name='tickets.pdf'/></attachments>
                <tags><tag id='4' name='Travel'/></tags>
              </page>
            </response>
            """;

    @Test
    void readsEveryFieldOfTheReferenceFullPage() {
        Page page = BackpackXmlReader.readPage(body(FULL_PAGE));

        assertThat(page.id()).isEqualTo(42);
        assertThat(page.title()).isEqualTo("Trip planning");
        assertThat(page.scope()).isNull();
        assertThat(page.emailAddress()).isEqualTo("x7k2q@acme.backpackit.com");
        assertThat(page.belongings()).containsExactly(
                new Belonging(501, 1, "Note", 900),
                new Belonging(502, 2, "List", 77),
                new Belonging(503, 3, "Separator", 12),
                new Belonging(504, 4, "Gallery", 5),
                new Belonging(505, 5, "Asset", 31));
        assertThat(page.notes()).containsExactly(new Note(900, "Hotel", "2006-03-01 10:00:00", "Two nights, late check-in"));
        assertThat(page.lists()).containsExactly(new ItemList(77, "Packing", List.of(
                new Item(3001, null, false, null, "Passport"),
                new Item(3002, null, true, null, "Charger"))));
        assertThat(page.galleries()).containsExactly(new Gallery(5, "Photos", List.of(new Image(8, "a.jpg", 5, "..."))));
        assertThat(page.attachments()).containsExactly(new Attachment(31, "tickets.pdf"));
        assertThat(page.tags()).containsExactly(new Tag(4, "Travel"));
        assertThat(page.separators()).isEmpty();
    }

    @Test
    void readsPagesAllWithBothScopesAndBothQuoteStyles() {
        List<PageSummary> pages = BackpackXmlReader.readPageSummaries(body("""
                <response success='true'>
                  <pages>
                    <page id='1' title='Mine' scope='personal'/>
                    <page id="2" title="Shared with me" scope="friends"/>
                  </pages>
                </response>"""));

        assertThat(pages).containsExactly(
                new PageSummary(1, "Mine", Scope.PERSONAL),
                new PageSummary(2, "Shared with me", Scope.FRIENDS));
    }

    @Test
    void readsSearchAndTagSelectAnswersWithoutScope() {
        assertThat(BackpackXmlReader.readPageSummaries(body(
                "<response success='true'><pages><page id='7' title='Jazz'/></pages></response>")))
                .containsExactly(new PageSummary(7, "Jazz", null));
    }

    @Test
    void readsAnEmptyPageList() {
        assertThat(BackpackXmlReader.readPageSummaries(body("<response success='true'><pages/></response>"))).isEmpty();
        assertThat(BackpackXmlReader.readPageSummaries(body("<response success='true'><pages></pages></response>"))).isEmpty();
    }

    @Test
    void readsTheNewOrDuplicatedPage() {
        assertThat(BackpackXmlReader.readPageSummary(body("<response success='true'><page id='43' title='Trip planning copy'/></response>")))
                .isEqualTo(new PageSummary(43, "Trip planning copy", null));
    }

    @Test
    void readsNotesOldestFirstAndACreatedNote() {
        String notes = "<response success='true'><notes>"
                + "<note id='1' title='First' created_at='2005-05-14 16:41:11'>one</note>"
                + "<note id=\"2\" title=\"\" created_at=\"2005-05-15 08:00:00\">two</note>"
                + "</notes></response>";
        assertThat(BackpackXmlReader.readNotes(body(notes))).containsExactly(
                new Note(1, "First", "2005-05-14 16:41:11", "one"),
                new Note(2, "", "2005-05-15 08:00:00", "two"));
        assertThat(BackpackXmlReader.readNote(body(
                "<response success='true'><note id='3' title='T' created_at='2005-05-14 16:41:11'>B</note></response>")))
                .isEqualTo(new Note(3, "T", "2005-05-14 16:41:11", "B"));
    }

    @Test
    void readsListsWithoutItemsAndACreatedList() {
        assertThat(BackpackXmlReader.readListSummaries(body(
                "<response success='true'><lists><list id='77' name='Packing'/><list id=\"78\" name=\"Food\"/></lists></response>")))
                .containsExactly(new ItemList(77, "Packing", List.of()), new ItemList(78, "Food", List.of()));
        assertThat(BackpackXmlReader.readListSummary(body("<response success='true'><list id='79' name='New'/></response>")))
                .isEqualTo(new ItemList(79, "New", List.of()));
    }

    @Test
    void readsItemsListAndACreatedItem() {
        assertThat(BackpackXmlReader.readItems(body("""
                <response success='true'><items>
                <item id='3001' list_id='77' completed='false' updated_at='2005-05-14 16:41:11'>Passport</item>
                <item id="3002" list_id="77" completed="true" updated_at="2005-05-14 16:42:00">Charger</item>
                </items></response>""")))
                .containsExactly(
                        new Item(3001, 77L, false, "2005-05-14 16:41:11", "Passport"),
                        new Item(3002, 77L, true, "2005-05-14 16:42:00", "Charger"));
        assertThat(BackpackXmlReader.readItem(body("<response success='true'><item id='3003' list_id='77' completed='false'>Socks</item></response>")))
                .isEqualTo(new Item(3003, 77L, false, null, "Socks"));
    }

    @Test
    void readsTheRestSeparatorResource() {
        BackpackXmlReader.SeparatorResource resource = BackpackXmlReader.readSeparatorResource(body(
                "<separator><id type=\"integer\">12</id><name>Day two</name><page-id type=\"integer\">42</page-id></separator>"));

        assertThat(resource).isEqualTo(new BackpackXmlReader.SeparatorResource(new Separator(12, "Day two"), 42));
    }

    @Test
    void readsEmails() {
        assertThat(BackpackXmlReader.readEmails(body(
                "<response success='true'><emails><email id='5' title='Re: trip' created_at='2006-01-02 03:04:05'>Hi\nthere</email></emails></response>")))
                .containsExactly(new Email(5, "Re: trip", "2006-01-02 03:04:05", "Hi\nthere"));
        assertThat(BackpackXmlReader.readEmail(body(
                "<response success='true'><email id='6' title='x' created_at='2006-01-02 03:04:05'>y</email></response>")))
                .isEqualTo(new Email(6, "x", "2006-01-02 03:04:05", "y"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "<response success='true'/>",
            "<response success=\"true\"/>",
            "<response success='true'></response>",
            "<?xml version='1.0' encoding='UTF-8'?>\n<response success='true'/>\n"})
    void acceptsAnEmptySuccess(String answer) {
        BackpackXmlReader.readSuccess(body(answer));
    }

    @Test
    void readsThePublishedErrorQuirkAsErrorAndMessage() {
        assertThatThrownBy(() -> BackpackXmlReader.readPage(body(
                "<response success='false'><error code='404'>Record not found</item></response>")))
                .isInstanceOfSatisfying(BackpackErrorException.class, e -> {
                    assertThat(e.code()).isEqualTo(404);
                    assertThat(e.errorMessage()).isEqualTo("Record not found");
                    assertThat(e.getMessage()).contains("404", "Record not found");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "<response success='false'><error code='500'>Internal error</item></response>",
            "<response success=\"false\"><error code=\"500\">Internal error</item></response>",
            "<response success='false'><error code='500'>Internal error</error></response>",
            "<response success=\"false\"><error code=\"500\">Internal error</error></response>",
            "<?xml version='1.0'?>\n<response success='false'>\n  <error code='500'>Internal error</error>\n</response>\n",
            "<response success='false'><error code='500'>Internal error</item>",
            "<response success='false'><error code='500'>Internal &amp; error</item></response>"})
    void readsEveryErrorSpelling(String answer) {
        assertThatThrownBy(() -> BackpackXmlReader.readNotes(body(answer)))
                .isInstanceOfSatisfying(BackpackErrorException.class, e -> {
                    assertThat(e.code()).isEqualTo(500);
                    assertThat(e.errorMessage()).isIn("Internal error", "Internal & error");
                });
    }

    @Test
    void readsTheBadTokenAnswer() {
        assertThatThrownBy(() -> BackpackXmlReader.readPageSummaries(body(
                "<response success='false'><error code='401'>Access denied</error></response>")))
                .isInstanceOfSatisfying(BackpackErrorException.class, e -> {
                    assertThat(e.code()).isEqualTo(401);
                    assertThat(e.errorMessage()).isEqualTo("Access denied");
                });
    }

    @Test
    void everyReaderReportsAFailureAnswer() {
        String failure = "<response success='false'><error code='404'>Record not found</item></response>";
        List<Runnable> readers = List.of(
                () -> BackpackXmlReader.readPageSummaries(body(failure)),
                () -> BackpackXmlReader.readPageSummary(body(failure)),
                () -> BackpackXmlReader.readPage(body(failure)),
                () -> BackpackXmlReader.readNotes(body(failure)),
                () -> BackpackXmlReader.readNote(body(failure)),
                () -> BackpackXmlReader.readListSummaries(body(failure)),
                () -> BackpackXmlReader.readListSummary(body(failure)),
                () -> BackpackXmlReader.readItems(body(failure)),
                () -> BackpackXmlReader.readItem(body(failure)),
                () -> BackpackXmlReader.readEmails(body(failure)),
                () -> BackpackXmlReader.readEmail(body(failure)),
                () -> BackpackXmlReader.readSuccess(body(failure)),
                () -> BackpackXmlReader.readSeparatorResource(body(failure)));
        for (Runnable reader : readers) {
            assertThatThrownBy(reader::run).isInstanceOfSatisfying(BackpackErrorException.class,
                    e -> assertThat(e.code()).isEqualTo(404));
        }
    }
}
