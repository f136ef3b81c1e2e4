package org.backpackbatch.report;

import java.time.Instant;

/**
 * A run that did not complete.
 *
 * @param at when it ended
 * @param what what ran ("backup", "restore", ...)
 * @param error its one error line, already scrubbed of tokens
 */
public record RunFailure(Instant at, String what, String error) {
}
