package org.backpackbatch.store;

import java.util.Locale;

/** What a backup fetches: {@code core} is pages/all plus one full page per page; {@code all} adds each page's emails. */
public enum Include {
    CORE, ALL;

    public static Include parse(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "core" -> CORE;
            case "all" -> ALL;
            default -> throw new IllegalArgumentException("--include must be core or all (the other resources come later), not '" + text + "'");
        };
    }

    public String storedName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
