package org.backpackbatch.api.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.backpackbatch.api.xml.XmlBodies.body;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Request bodies as the emulator reads them. */
class BackpackXmlReaderRequestTest {

    @Test
    void readsAWsRequestWithTokenAndEndpointElements() {
        XmlElement request = BackpackXmlReader.readRequest(body("""
                <request>
                  <token>0123456789abcdef0123456789abcdef01234567</token>
                  <item completed='true'><content>Buy &amp; pack
                the "good" socks</content></item>
                  <note><title/><body>b</body><show-created-at>false</show-created-at></note>
                </request>"""));

        assertThat(request.name()).isEqualTo("request");
        assertThat(request.childText("token")).isEqualTo("0123456789abcdef0123456789abcdef01234567");
        assertThat(request.child("item").attribute("completed")).isEqualTo("true");
        assertThat(request.child("item").childText("content")).isEqualTo("Buy & pack\nthe \"good\" socks");
        assertThat(request.child("note").childText("title")).isEmpty();
        assertThat(request.child("note").childText("show-created-at")).isEqualTo("false");
    }

    @Test
    void absentPartsAreNull() {
        XmlElement request = BackpackXmlReader.readRequest(body("<request><token>t</token></request>"));

        assertThat(request.child("page")).isNull();
        assertThat(request.childText("term")).isNull();
        assertThat(request.attribute("version")).isNull();
        assertThat(request.children("item-id")).isEmpty();
    }

    @Test
    void keepsRepeatedElementsInOrder() {
        XmlElement request = BackpackXmlReader.readRequest(body(
                "<request><token>t</token><item-id>30</item-id><item-id>10</item-id><item-id>20</item-id></request>"));

        assertThat(request.children("item-id")).extracting(XmlElement::text).containsExactly("30", "10", "20");
    }

    @Test
    void readsBothQuoteStylesAndAllAttributes() {
        XmlElement item = BackpackXmlReader.readRequest(body("<item completed=\"false\" id='3' note='it&apos;s &quot;x&quot;'/>"));

        assertThat(item.attributes()).isEqualTo(Map.of("completed", "false", "id", "3", "note", "it's \"x\""));
    }

    @Test
    void returnsTheRootOfARestStyleBody() {
        XmlElement status = BackpackXmlReader.readRequest(body("<status><message>Out to lunch 🍜</message></status>"));

        assertThat(status.name()).isEqualTo("status");
        assertThat(status.childText("message")).isEqualTo("Out to lunch 🍜");
    }

    @Test
    void theTreeCannotBeChanged() {
        XmlElement request = BackpackXmlReader.readRequest(body("<request a='1'><token>t</token></request>"));

        assertThatThrownBy(() -> request.children().add(request)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> request.attributes().put("b", "2")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void acceptsABodyUpToTheLimit() {
        String start = "<request><token>t</token><term>";
        String end = "</term></request>";
        String term = "x".repeat(BackpackXmlReader.MAX_REQUEST_BYTES - start.length() - end.length());

        assertThat(BackpackXmlReader.readRequest(body(start + term + end)).childText("term")).hasSize(term.length());
        assertThatThrownBy(() -> BackpackXmlReader.readRequest(body(start + term + "x" + end)))
                .isInstanceOf(MalformedXmlException.class)
                .hasMessageContaining("request body larger than");
    }

    @Test
    void acceptsNestingUpToTheFactoryDepth() {
        int depth = XmlFactories.MAX_ELEMENT_DEPTH;

        assertThat(BackpackXmlReader.readRequest(body("<a>".repeat(depth) + "</a>".repeat(depth))).name()).isEqualTo("a");
        assertThatThrownBy(() -> BackpackXmlReader.readRequest(body("<a>".repeat(depth + 1) + "</a>".repeat(depth + 1))))
                .isInstanceOf(MalformedXmlException.class)
                .hasMessageContaining("Depth");
    }

    @Test
    void refusesMalformedRequests() {
        for (String malformed : new String[] {
                "<request><token>t</request>",
                "<request><token>t</token>",
                "<request><token>t & u</token></request>",
                "<request><token a='1' a='2'>t</token></request>",
                "token=abc&term=x"}) {
            assertThatThrownBy(() -> BackpackXmlReader.readRequest(body(malformed)))
                    .as(malformed)
                    .isInstanceOf(MalformedXmlException.class);
        }
    }
}
