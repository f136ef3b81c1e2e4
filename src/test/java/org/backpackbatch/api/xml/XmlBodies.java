package org.backpackbatch.api.xml;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/** Bodies for the reader tests: literal text, or what BackpackXmlWriter writes. */
final class XmlBodies {

    private XmlBodies() {
    }

    static InputStream body(String xml) {
        return new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] writtenBytes(Consumer<BackpackXmlWriter> content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (BackpackXmlWriter writer = BackpackXmlWriter.to(out)) {
            content.accept(writer);
        }
        return out.toByteArray();
    }

    static InputStream written(Consumer<BackpackXmlWriter> content) {
        return new ByteArrayInputStream(writtenBytes(content));
    }

    /** A full answer: {@code <response success='true'>}, the content, {@code </response>}. */
    static InputStream answer(Consumer<BackpackXmlWriter> payload) {
        return written(writer -> {
            writer.declaration().beginResponse();
            payload.accept(writer);
            writer.endResponse();
        });
    }
}
