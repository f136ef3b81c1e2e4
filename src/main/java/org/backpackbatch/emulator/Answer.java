package org.backpackbatch.emulator;

import java.io.ByteArrayOutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.backpackbatch.api.xml.BackpackXmlWriter;

/** A complete HTTP answer of the emulator, rendered before it is sent so that faults can cut it. */
record Answer(int status, byte[] body, Map<String, String> headers) {

    static final String XML = "application/xml; charset=utf-8";

    static Answer xml(Consumer<BackpackXmlWriter> content) {
        return restXml(200, content);
    }

    static Answer restXml(int status, Consumer<BackpackXmlWriter> content) {
        return new Answer(status, render(content), Map.of("Content-Type", XML));
    }

    static Answer emptySuccess() {
        return xml(BackpackXmlWriter::emptySuccess);
    }

    static Answer created(Consumer<BackpackXmlWriter> content, String location) {
        return new Answer(201, render(content), Map.of("Content-Type", XML, "Location", location));
    }

    static Answer noContent() {
        return new Answer(204, new byte[0], Map.of());
    }

    /** A Backpack error body; 404 and 500 close it with the published {@code </item>} quirk. */
    static Answer error(int code, String message) {
        boolean publishedQuirk = code == 404 || code == 500;
        return new Answer(code, render(w -> w.error(code, message, publishedQuirk)), Map.of("Content-Type", XML));
    }

    /** Endpoints give a Location relative to the account; on the wire it must hold the account's own path too. */
    Answer withLocationUnder(String accountPath) {
        String location = headers.get("Location");
        if (location == null) {
            return this;
        }
        Map<String, String> moved = new LinkedHashMap<>(headers);
        moved.put("Location", accountPath + location);
        return new Answer(status, body, moved);
    }

    static Answer plain(int status, String text, Map<String, String> headers) {
        return new Answer(status, text.getBytes(java.nio.charset.StandardCharsets.UTF_8), headers);
    }

    private static byte[] render(Consumer<BackpackXmlWriter> content) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        try (BackpackXmlWriter writer = BackpackXmlWriter.to(bytes)) {
            content.accept(writer);
        }
        return bytes.toByteArray();
    }
}
