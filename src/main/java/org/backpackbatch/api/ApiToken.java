package org.backpackbatch.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * An account's API token: a password. It is never an option value, never printed ({@link
 * #toString()} masks it), and registered with {@link Secrets} the moment it is loaded.
 */
public final class ApiToken {

    private final String value;

    private ApiToken(String value) {
        this.value = value;
        Secrets.register(value);
    }

    public static ApiToken of(String value) {
        String trimmed = value == null ? "" : value.strip();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("the API token is empty");
        }
        return new ApiToken(trimmed);
    }

    /**
     * The first line of {@code tokenFile} when given, else the environment variable {@code envName}.
     * The messages name the file or variable, never the content.
     */
    public static ApiToken load(Path tokenFile, String envName, Map<String, String> environment) {
        if (tokenFile != null) {
            String firstLine;
            try {
                firstLine = Files.readAllLines(tokenFile, StandardCharsets.UTF_8).stream().findFirst().orElse("");
            } catch (IOException | java.io.UncheckedIOException e) {
                throw new IllegalArgumentException("cannot read the token file " + tokenFile + ": " + e.getClass().getSimpleName());
            }
            if (firstLine.isBlank()) {
                throw new IllegalArgumentException("the token file " + tokenFile + " is empty");
            }
            return of(firstLine);
        }
        String fromEnvironment = environment.get(envName);
        if (fromEnvironment == null || fromEnvironment.isBlank()) {
            throw new IllegalArgumentException("no token: give --token-file FILE or set " + envName);
        }
        return of(fromEnvironment);
    }

    /** The token itself, for the one place that sends it. */
    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return "[token]";
    }
}
