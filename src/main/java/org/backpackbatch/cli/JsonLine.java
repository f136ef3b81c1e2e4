package org.backpackbatch.cli;

/**
 * One JSON object on one line, for the {@code --json} output of the commands (JSON Lines): fields
 * in the order added, strings escaped as RFC 8259 asks, so that any text from an account is safe.
 */
final class JsonLine {

    private final StringBuilder text = new StringBuilder("{");

    JsonLine add(String name, String value) {
        return field(name, value == null ? "null" : quoted(value));
    }

    JsonLine add(String name, long value) {
        return field(name, Long.toString(value));
    }

    JsonLine add(String name, Long value) {
        return field(name, value == null ? "null" : value.toString());
    }

    JsonLine add(String name, boolean value) {
        return field(name, Boolean.toString(value));
    }

    JsonLine add(String name, JsonLine object) {
        return field(name, object.toString());
    }

    @Override
    public String toString() {
        return text + "}";
    }

    private JsonLine field(String name, String json) {
        if (text.length() > 1) {
            text.append(',');
        }
        text.append(quoted(name)).append(':').append(json);
        return this;
    }

    /** The string as a JSON string literal; control characters, line separators and lone surrogates as escapes. */
    static String quoted(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    boolean pairedSurrogate = Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))
                            || Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(value.charAt(i - 1));
                    if (c < 0x20 || c == '\u2028' || c == '\u2029' || Character.isSurrogate(c) && !pairedSurrogate) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
