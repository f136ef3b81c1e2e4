package org.backpackbatch.api;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The {@code <tags>} text of {@code tags/tag}: names separated by spaces, a name holding a space
 * wrapped in double quotes ({@code Music "Long Scores" Jazz}). The client formats it, the emulator parses it.
 */
public final class TagNames {

    private TagNames() {
    }

    public static String format(List<String> names) {
        return names.stream()
                .map(name -> name.chars().anyMatch(Character::isWhitespace) ? '"' + name + '"' : name)
                .collect(Collectors.joining(" "));
    }

    public static List<String> parse(String text) {
        List<String> names = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
                if (!quoted) {
                    addName(names, current);
                }
            } else if (Character.isWhitespace(c) && !quoted) {
                addName(names, current);
            } else {
                current.append(c);
            }
        }
        addName(names, current);
        return names;
    }

    private static void addName(List<String> names, StringBuilder current) {
        String name = current.toString().strip();
        current.setLength(0);
        if (!name.isEmpty() && !names.contains(name)) {
            names.add(name);
        }
    }
}
