package org.backpackbatch.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.TreeMap;
import org.backpackbatch.api.Secrets;
import org.backpackbatch.app.RunSummary;

/**
 * A run's summary as the JSON a webhook, a ping and a command receive: one object, its fields
 * always in the same order, {@code null} where the run has no value. Every text is scrubbed of
 * loaded tokens, field by field and once more as a whole.
 *
 * <pre>
 * {"job":"nightly","operation":"backup","account":"https://acme.backpackit.com","snapshot":42,
 *  "status":"failure","counts":{"notes":120,"pages":30},"records_changed":7,"requests":95,
 *  "rate_limited":2,"retries":1,"started_at":"2026-12-01T02:00:00Z","duration_seconds":12.5,
 *  "exit_code":1,"error":"..."}
 * </pre>
 */
public final class RunSummaryJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RunSummaryJson() {
    }

    /** The summary's JSON text, on one line. */
    public static String of(RunSummary summary) {
        ObjectNode object = JSON.createObjectNode();
        object.put("job", Secrets.scrub(summary.job()));
        object.put("operation", summary.operation().name().toLowerCase(Locale.ROOT));
        object.put("account", Secrets.scrub(summary.account()));
        object.put("snapshot", summary.snapshot());
        object.put("status", status(summary.outcome()));
        ObjectNode counts = object.putObject("counts");
        new TreeMap<>(summary.counts()).forEach((kind, count) -> counts.put(Secrets.scrub(kind), count));
        object.put("records_changed", summary.recordsChanged());
        object.put("requests", summary.requests());
        object.put("rate_limited", summary.rateLimited());
        object.put("retries", summary.retries());
        object.put("started_at", summary.startedAt() == null ? null : summary.startedAt().toString());
        object.put("duration_seconds", summary.duration() == null ? 0.0 : summary.duration().toMillis() / 1000.0);
        object.put("exit_code", summary.exitCode());
        object.put("error", Secrets.scrub(summary.error()));
        try {
            // a token that JSON escaping changed is already gone; this catches one that slipped in any other way
            return Secrets.scrub(JSON.writeValueAsString(object));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings and numbers always renders", e);
        }
    }

    /** The status word of an outcome, as receivers see it. */
    public static String status(RunSummary.Outcome outcome) {
        return switch (outcome) {
            case STARTED -> "started";
            case SUCCEEDED -> "success";
            case FAILED -> "failure";
            case INTERRUPTED -> "interrupted";
        };
    }
}
