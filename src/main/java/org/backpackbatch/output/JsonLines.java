package org.backpackbatch.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;

/** {@code --json}: one JSON object a line (JSON Lines), written by Jackson; fields in the order added. */
public final class JsonLines {

    private static final ObjectMapper MAPPER = mapper();

    private final PrintWriter out;

    public JsonLines(PrintWriter out) {
        this.out = out;
    }

    /**
     * Jackson escapes control characters; the two Unicode line separators are escaped too, so that
     * no reader that splits lines on them (JavaScript's) can cut a line in two.
     */
    private static ObjectMapper mapper() {
        ObjectMapper mapper = new ObjectMapper();
        int[] escapes = CharacterEscapes.standardAsciiEscapesForJSON();
        mapper.getFactory().setCharacterEscapes(new CharacterEscapes() {
            @Override
            public int[] getEscapeCodesForAscii() {
                return escapes;
            }

            @Override
            public SerializableString getEscapeSequence(int ch) {
                return ch == 0x2028 || ch == 0x2029 ? new SerializedString(String.format("\\u%04x", ch)) : null;
            }
        });
        return mapper;
    }

    /** A new, empty object to fill. */
    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    public void write(ObjectNode line) {
        try {
            out.println(MAPPER.writeValueAsString(line));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON line: " + e.getMessage(), e);
        }
    }

    /** A string as a JSON string literal, for quoting titles in text output the same way. */
    public static String quoted(String value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
