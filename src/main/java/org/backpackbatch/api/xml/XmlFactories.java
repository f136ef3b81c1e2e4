package org.backpackbatch.api.xml;

import com.ctc.wstx.api.WstxInputProperties;
import com.ctc.wstx.api.WstxOutputProperties;
import com.ctc.wstx.stax.WstxInputFactory;
import com.ctc.wstx.stax.WstxOutputFactory;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLOutputFactory;
import org.codehaus.stax2.XMLInputFactory2;

/**
 * The one place that configures Woodstox. Input is hardened because every byte we parse comes
 * from a server or a file we do not control: no DTD, no entities, bounded sizes.
 */
public final class XmlFactories {

    /**
     * Largest document read from a peer: an answer to the client, a request body in the emulator.
     * This bound is what stops a hostile or broken peer; the bounds on texts below only follow it.
     */
    public static final int MAX_DOCUMENT_BYTES = 64 * 1024 * 1024;
    /**
     * Longest text accepted, in characters: one note may fill a whole document, and a backup that
     * refused real data would fail on every run. An archive holds such texts too.
     */
    public static final int MAX_TEXT_LENGTH = MAX_DOCUMENT_BYTES;
    public static final int MAX_ELEMENT_DEPTH = 64;
    /** Longest attribute value, in characters: page and note titles are attributes, as long as any text. */
    public static final int MAX_ATTRIBUTE_SIZE = MAX_TEXT_LENGTH;
    public static final int MAX_ATTRIBUTES_PER_ELEMENT = 64;
    public static final int MAX_CHILDREN_PER_ELEMENT = 1_000_000;

    private static final XMLInputFactory INPUT = createInputFactory();
    private static final XMLOutputFactory OUTPUT = createOutputFactory();

    private XmlFactories() {
    }

    public static XMLInputFactory input() {
        return INPUT;
    }

    public static XMLOutputFactory output() {
        return OUTPUT;
    }

    private static XMLInputFactory createInputFactory() {
        WstxInputFactory factory = new WstxInputFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        // With no DTD only the five predefined entities exist; replacing makes any other reference an
        // error, where not replacing would silently drop it from attribute values.
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, true);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        // Eager parsing reports every error from next() as an XMLStreamException with its location,
        // not later from getText() as an unchecked WstxLazyException.
        factory.setProperty(XMLInputFactory2.P_LAZY_PARSING, false);
        factory.setXMLResolver((publicId, systemId, baseUri, namespace) -> {
            throw new javax.xml.stream.XMLStreamException("external resource refused: " + systemId);
        });
        factory.setProperty(WstxInputProperties.P_MAX_TEXT_LENGTH, MAX_TEXT_LENGTH);
        factory.setProperty(WstxInputProperties.P_MAX_ELEMENT_DEPTH, MAX_ELEMENT_DEPTH);
        factory.setProperty(WstxInputProperties.P_MAX_ATTRIBUTE_SIZE, MAX_ATTRIBUTE_SIZE);
        factory.setProperty(WstxInputProperties.P_MAX_ATTRIBUTES_PER_ELEMENT, MAX_ATTRIBUTES_PER_ELEMENT);
        factory.setProperty(WstxInputProperties.P_MAX_CHILDREN_PER_ELEMENT, MAX_CHILDREN_PER_ELEMENT);
        // 1 is Woodstox's minimum (0 is rejected); predefined entities are not counted.
        factory.setProperty(WstxInputProperties.P_MAX_ENTITY_COUNT, 1L);
        factory.setProperty(WstxInputProperties.P_MAX_ENTITY_DEPTH, 1);
        return factory;
    }

    private static XMLOutputFactory createOutputFactory() {
        WstxOutputFactory factory = new WstxOutputFactory();
        factory.setProperty(WstxOutputProperties.P_AUTOMATIC_END_ELEMENTS, false);
        factory.setProperty(WstxOutputProperties.P_OUTPUT_VALIDATE_STRUCTURE, false);
        factory.setProperty(WstxOutputProperties.P_OUTPUT_ESCAPE_CR, true);
        return factory;
    }
}
