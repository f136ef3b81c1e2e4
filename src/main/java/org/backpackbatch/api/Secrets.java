package org.backpackbatch.api;

import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * Every token this process has loaded, so that any text about to leave the process (an error
 * line, a log line) can be scrubbed of them, wherever the text came from.
 */
public final class Secrets {

    private static final String MASK = "[token]";
    private static final Set<String> KNOWN = new CopyOnWriteArraySet<>();

    private Secrets() {
    }

    /** Remembers a secret so that it is masked from now on. */
    public static void register(String secret) {
        if (secret != null && secret.length() >= 8) {
            KNOWN.add(secret);
        }
    }

    /** True when the text holds any secret this process has loaded: what a leak check asks. */
    public static boolean leaksIn(String text) {
        return text != null && KNOWN.stream().anyMatch(text::contains);
    }

    /** The text with every known token replaced by {@code [token]}. */
    public static String scrub(String text) {
        if (text == null || KNOWN.isEmpty()) {
            return text;
        }
        String scrubbed = text;
        for (String secret : KNOWN) {
            if (scrubbed.contains(secret)) {
                scrubbed = scrubbed.replace(secret, MASK);
            }
        }
        return scrubbed;
    }
}
