package org.backpackbatch.app;

import java.nio.file.Path;
import java.util.Map;
import org.backpackbatch.api.ApiToken;

/**
 * Where an account's token comes from: a file (its first line) or else an environment variable.
 * Never the token itself, so that a request can be logged or kept without it.
 */
public record TokenSource(Path file, String variable) {

    /** Loads the token; a missing or unreadable one is a usage error naming the file or the variable. */
    ApiToken load(Map<String, String> environment) {
        try {
            return ApiToken.load(file, variable, environment);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
