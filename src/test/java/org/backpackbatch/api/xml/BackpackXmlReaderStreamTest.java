package org.backpackbatch.api.xml;

import static javax.xml.stream.XMLStreamConstants.END_DOCUMENT;
import static javax.xml.stream.XMLStreamConstants.END_ELEMENT;
import static javax.xml.stream.XMLStreamConstants.START_ELEMENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.backpackbatch.api.xml.XmlBodies.body;
import static org.backpackbatch.api.xml.XmlBodies.written;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.backpackbatch.api.model.Page;
import org.backpackbatch.api.model.Scope;
import org.junit.jupiter.api.Test;

/** Reading pages one at a time from a document too large to hold, as the archive import does. */
class BackpackXmlReaderStreamTest {

    private static List<Page> readEveryPage(XMLStreamReader xml) throws XMLStreamException {
        List<Page> pages = new ArrayList<>();
        while (xml.next() != END_DOCUMENT) {
            if (xml.getEventType() == START_ELEMENT && xml.getLocalName().equals("page")) {
                pages.add(BackpackXmlReader.readPage(xml));
                assertThat(xml.getEventType()).isEqualTo(END_ELEMENT);
                assertThat(xml.getLocalName()).isEqualTo("page");
            }
        }
        return pages;
    }

    @Test
    void readsEachPageOfALargeArchive() throws XMLStreamException {
        List<Page> pages = IntStream.rangeClosed(1, 2_000)
                .mapToObj(i -> BackpackXmlReaderRoundTripTest.fullPage("page " + i + " 😀").withScope(i % 2 == 0 ? Scope.FRIENDS : Scope.PERSONAL))
                .toList();
        XMLStreamReader xml = BackpackXmlReader.openStream(written(writer -> {
            writer.declaration().start("archive").attr("account", "acme").start("pages");
            pages.forEach(writer::page);
            writer.end().end();
        }));

        assertThat(readEveryPage(xml)).isEqualTo(pages);
    }

    @Test
    void aMalformedPageInTheStreamIsMalformedXml() throws XMLStreamException {
        XMLStreamReader xml = BackpackXmlReader.openStream(body("<archive><page id='1' title='ok'/><page id='two'/></archive>"));

        assertThatThrownBy(() -> readEveryPage(xml))
                .isInstanceOf(MalformedXmlException.class)
                .hasMessageContaining("attribute 'id' of <page> is not a number: 'two'");
    }

    @Test
    void aStreamCutInsideAPageIsMalformedXml() throws XMLStreamException {
        XMLStreamReader xml = BackpackXmlReader.openStream(body("<archive><page id='1' title='ok'><notes><note id='1'>bo"));

        assertThatThrownBy(() -> readEveryPage(xml)).isInstanceOf(MalformedXmlException.class);
    }

    @Test
    void insistsOnAPageStartTag() throws XMLStreamException {
        XMLStreamReader xml = BackpackXmlReader.openStream(body("<archive><page id='1' title='t'/></archive>"));
        xml.next();

        assertThatThrownBy(() -> BackpackXmlReader.readPage(xml))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not on a <page> start tag");
    }
}
