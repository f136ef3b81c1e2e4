package org.backpackbatch.api.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.backpackbatch.api.xml.XmlBodies.body;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.backpackbatch.api.model.Belonging;
import org.backpackbatch.api.model.Item;
import org.backpackbatch.api.model.ItemList;
import org.backpackbatch.api.model.Note;
import org.backpackbatch.api.model.Page;
import org.backpackbatch.api.model.PageSummary;
import org.backpackbatch.api.model.Separator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the reader tolerates in an answer, what it refuses, and how it says so. */
class BackpackXmlReaderAnswerTest {

    private static MalformedXmlException malformed(Runnable read) {
        try {
            read.run();
        } catch (MalformedXmlException e) {
            return e;
        }
        throw new AssertionError("expected MalformedXmlException");
    }

    @Test
    void skipsUnknownElementsAttributesCommentsAndInstructions() {
        Page page = BackpackXmlReader.readPage(body("""
                <?xml version="1.0" encoding="UTF-8"?>
                <!-- served by the emulator -->
                <response success='true' server='emu'>
                  <debug took='3ms'><nested>deep <x/> text</nested></debug>
                  <page id='42' title='T' colour='blue'>
                    <?render fast?>
                    <owner id='1'><name>Ann</name></owner>
                    <notes kind='all'>
                      <note id='900' title='Hotel' created_at='2006-03-01 10:00:00' pinned='yes'>Two<!-- c --> nights<?pi x?></note>
                      <memo id='1'/>
                    </notes>
                    <belongings><belonging id='501' extra='1'><position>1</position><colour>red</colour><widget type='Note' id='900' x='y'/></belonging></belongings>
                    <lists><list id='77' name='Packing'><meta/><items><item id='1' completed='false' weight='2'>a<b>bold</b>c</item></items></list></lists>
                  </page>
                </response>
                <!-- trailing comment -->
                """));

        assertThat(page.notes()).containsExactly(new Note(900, "Hotel", "2006-03-01 10:00:00", "Two nights"));
        assertThat(page.belongings()).containsExactly(new Belonging(501, 1, "Note", 900));
        assertThat(page.lists()).containsExactly(new ItemList(77, "Packing", List.of(new Item(1, null, false, null, "ac"))));
    }

    @Test
    void everyPageSectionMayBeMissingOrEmpty() {
        Page bare = BackpackXmlReader.readPage(body("<response success='true'><page id='1' title='Bare'/></response>"));
        Page empty = BackpackXmlReader.readPage(body("<response success='true'><page id='1' title='Bare'>"
                + "<belongings/><notes></notes><lists/><separators/><galleries/><attachments/><tags/></page></response>"));

        assertThat(bare).isEqualTo(Page.empty(1, "Bare", null, null));
        assertThat(empty).isEqualTo(bare);
    }

    @Test
    void readsTheOptionalSeparatorsSection() {
        Page page = BackpackXmlReader.readPage(body("<response success='true'><page id='1' title='P'>"
                + "<separators><separator id='12' name='Day one'/><separator id=\"13\" name=\"Day two\"/></separators></page></response>"));

        assertThat(page.separators()).containsExactly(new Separator(12, "Day one"), new Separator(13, "Day two"));
    }

    @Test
    void aMissingTextAttributeReadsAsEmptyText() {
        assertThat(BackpackXmlReader.readNote(body("<response success='true'><note id='1'>body</note></response>")))
                .isEqualTo(new Note(1, "", "", "body"));
        assertThat(BackpackXmlReader.readPageSummary(body("<response success='true'><page id='1'/></response>")))
                .isEqualTo(new PageSummary(1, "", null));
    }

    @Test
    void keepsTextAndAttributesExactlyAsSent() {
        Note note = BackpackXmlReader.readNote(body("<response success='true'>"
                + "<note id='1' title='say \"hi\" &amp; it&apos;s &lt;b&gt;&#10;two lines' created_at='x'>"
                + "  &amp; is &amp;amp;, &lt;tag&gt;, 'single' \"double\"\n\tline two\r\nline three &#13;&#10;\n日本語 😀 &#x1F600;  "
                + "</note></response>"));

        assertThat(note.title()).isEqualTo("say \"hi\" & it's <b>\ntwo lines");
        assertThat(note.body()).isEqualTo("  & is &amp;, <tag>, 'single' \"double\"\n\tline two\nline three \r\n\n日本語 😀 😀  ");
    }

    @Test
    void readsCdataAsText() {
        assertThat(BackpackXmlReader.readItem(body(
                "<response success='true'><item id='1' completed='true'><![CDATA[<b>&amp;</b>]]> tail</item></response>")).content())
                .isEqualTo("<b>&amp;</b> tail");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "<page title='x'/>                            | attribute 'id' of <page> is missing",
            "<page id='abc' title='x'/>                   | attribute 'id' of <page> is not a number: 'abc'",
            "<page id='' title='x'/>                      | attribute 'id' of <page> is not a number: ''",
            "<page id='1' scope='public'/>                | attribute 'scope' of <page> is neither personal nor friends: 'public'",
            "<page id='1'><notes><note title='t'>b</note></notes></page> | attribute 'id' of <note> is missing",
            "<page id='1'><lists><list id='x1' name='n'/></lists></page> | attribute 'id' of <list> is not a number: 'x1'",
            "<page id='1'><lists><list id='1' name='n'><items><item id='2'>c</item></items></list></lists></page> | attribute 'completed' of <item> is missing",
            "<page id='1'><lists><list id='1' name='n'><items><item id='2' completed='yes'>c</item></items></list></lists></page> | attribute 'completed' of <item> is neither true nor false: 'yes'",
            "<page id='1'><belongings><belonging id='5'><widget type='Note' id='9'/></belonging></belongings></page> | <position> of <belonging> is missing",
            "<page id='1'><belongings><belonging id='5'><position>first</position><widget type='Note' id='9'/></belonging></belongings></page> | <position> of <belonging> is not a number: 'first'",
            "<page id='1'><belongings><belonging id='5'><position>99999999999</position><widget type='Note' id='9'/></belonging></belongings></page> | <position> of <belonging> is out of range",
            "<page id='1'><belongings><belonging id='5'><position>1</position></belonging></belongings></page> | <belonging> 5 has no <widget>",
            "<page id='1'><belongings><belonging id='5'><position>1</position><widget type='Note'/></belonging></belongings></page> | attribute 'id' of <widget> is missing",
            "<page id='1'><galleries><gallery id='5' name='g'><images><image id='8' file_name='a'/></images></gallery></galleries></page> | attribute 'gallery_id' of <image> is missing",
            "<page id='1'><attachments><attachment id='3.5'/></attachments></page> | attribute 'id' of <attachment> is not a number: '3.5'",
            "<page id='1'><tags><tag name='t'/></tags></page> | attribute 'id' of <tag> is missing",
            "<page id='1'><separators><separator id='-' name='s'/></separators></page> | attribute 'id' of <separator> is not a number: '-'"})
    void namesTheElementAndAttributeOfABadNumberOrFlag(String page, String problem) {
        MalformedXmlException e = malformed(() -> BackpackXmlReader.readPage(body(
                "<response success='true'>\n" + page + "\n</response>")));

        assertThat(e.getMessage()).contains(problem).contains("line 2");
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.column()).isPositive();
    }

    @Test
    void namesBadFieldsOfTheSeparatorResource() {
        assertThat(malformed(() -> BackpackXmlReader.readSeparatorResource(body(
                "<separator><name>n</name><page-id>4</page-id></separator>"))).getMessage())
                .contains("<id> of <separator> is missing");
        assertThat(malformed(() -> BackpackXmlReader.readSeparatorResource(body(
                "<separator><id>12</id><name>n</name><page-id type='integer'>four</page-id></separator>"))).getMessage())
                .contains("<page-id> of <separator> is not a number: 'four'");
    }

    @Test
    void refusesAnAnswerWithoutOrWithTwoPayloads() {
        assertThat(malformed(() -> BackpackXmlReader.readNotes(body(
                "<response success='true'><pages/></response>"))).getMessage())
                .contains("the answer holds 0 <notes> elements, expected one");
        assertThat(malformed(() -> BackpackXmlReader.readNote(body(
                "<response success='true'><note id='1'/><note id='2'/></response>"))).getMessage())
                .contains("the answer holds 2 <note> elements");
    }

    @Test
    void refusesTheWrongRoot() {
        assertThat(malformed(() -> BackpackXmlReader.readPageSummaries(body("<pages><page id='1' title='x'/></pages>"))).getMessage())
                .contains("expected <response> as the root element, found <pages>");
        assertThat(malformed(() -> BackpackXmlReader.readSeparatorResource(body("<response success='true'/>"))).getMessage())
                .contains("expected <separator> as the root element, found <response>");
    }

    @Test
    void refusesAResponseWithoutAClearOutcome() {
        assertThat(malformed(() -> BackpackXmlReader.readSuccess(body("<response/>"))).getMessage())
                .contains("attribute 'success' of <response> is missing");
        assertThat(malformed(() -> BackpackXmlReader.readSuccess(body("<response success='yes'/>"))).getMessage())
                .contains("attribute 'success' of <response> is neither true nor false: 'yes'");
    }

    @Test
    void refusesFailureAnswersItCannotRead() {
        assertThat(malformed(() -> BackpackXmlReader.readSuccess(body("<response success='false'/>"))).getMessage())
                .contains("a failure answer without an <error> element");
        assertThat(malformed(() -> BackpackXmlReader.readSuccess(body(
                "<response success='false'><error>Record not found</error></response>"))).getMessage())
                .contains("attribute 'code' of <error> is missing");
        assertThat(malformed(() -> BackpackXmlReader.readSuccess(body(
                "<response success='false'><error code='four'>Record not found</error></response>"))).getMessage())
                .contains("attribute 'code' of <error> is not a number: 'four'");
    }

    @Test
    void aFailureAnswerCutShortIsMalformedNotAnError() {
        for (String cut : List.of(
                "<response success='false'><error code='404'>Record not fo",
                "<response success='false'><error code='404'>Record not found",
                "<response success='false'><error code='404'>Record not found</",
                "<response success='false'><error code='404'>Record not found</erro",
                "<response success='false'><error code='404'>",
                "<response success='false'><error code='40")) {
            malformed(() -> BackpackXmlReader.readSuccess(body(cut)));
        }
    }

    @Test
    void refusesContentAfterTheRoot() {
        assertThat(malformed(() -> BackpackXmlReader.readSuccess(body("<response success='true'/><response success='true'/>"))))
                .hasMessageContaining("multiple roots");
        malformed(() -> BackpackXmlReader.readSuccess(body("<response success='true'/>trailing text")));
    }

    @Test
    void aFailingConnectionIsAnIoErrorNotMalformedXml() {
        InputStream broken = new InputStream() {
            private int sent;

            @Override
            public int read() throws IOException {
                if (sent < "<response success='true'><pages>".length()) {
                    return "<response success='true'><pages>".charAt(sent++);
                }
                throw new IOException("connection reset");
            }
        };

        assertThatThrownBy(() -> BackpackXmlReader.readPageSummaries(broken))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("connection reset");
    }

    @Test
    void leavesTheInputStreamOpenForItsOwner() {
        boolean[] closed = {false};
        InputStream answer = new java.io.FilterInputStream(body("<response success='true'/>")) {
            @Override
            public void close() {
                closed[0] = true;
            }
        };

        BackpackXmlReader.readSuccess(answer);

        assertThat(closed[0]).isFalse();
    }
}
