package org.backpackbatch.api.xml;

import java.util.List;
import java.util.Map;

/**
 * A small element tree, as {@link BackpackXmlReader#readRequest} returns a request body: its name,
 * attributes, own text (exactly as sent, whitespace included, children's text excluded) and child
 * elements in document order.
 */
public record XmlElement(String name, Map<String, String> attributes, String text, List<XmlElement> children) {

    public XmlElement {
        attributes = Map.copyOf(attributes);
        children = List.copyOf(children);
    }

    /** The first child element named {@code childName}, or null. */
    public XmlElement child(String childName) {
        for (XmlElement child : children) {
            if (child.name.equals(childName)) {
                return child;
            }
        }
        return null;
    }

    /** Every child element named {@code childName}, in document order (e.g. the {@code <item-id>}s of a reorder). */
    public List<XmlElement> children(String childName) {
        return children.stream().filter(child -> child.name.equals(childName)).toList();
    }

    /** The text of the first child named {@code childName}, or null when there is no such child. */
    public String childText(String childName) {
        XmlElement child = child(childName);
        return child == null ? null : child.text;
    }

    /** The attribute's value, or null when absent. */
    public String attribute(String attributeName) {
        return attributes.get(attributeName);
    }
}
