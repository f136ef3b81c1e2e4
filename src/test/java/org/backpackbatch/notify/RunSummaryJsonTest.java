package org.backpackbatch.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.backpackbatch.api.ApiToken;
import org.backpackbatch.app.RunSummary;
import org.backpackbatch.app.RunSummary.Operation;
import org.backpackbatch.app.RunSummary.Outcome;
import org.junit.jupiter.api.Test;

/** The JSON summary a notification carries: its fields, their order, and no token ever. */
class RunSummaryJsonTest {

    @Test
    void aFailedRunHasEveryFieldInTheDocumentedOrder() {
        assertThat(RunSummaryJson.of(RunSummaries.nightlyBackup(Outcome.FAILED))).isEqualTo("{\"job\":\"nightly\","
                + "\"operation\":\"backup\",\"account\":\"https://acme.backpackit.com\",\"snapshot\":42,\"status\":\"failure\","
                + "\"counts\":{\"notes\":120,\"pages\":30},\"records_changed\":7,\"requests\":95,\"rate_limited\":2,\"retries\":1,"
                + "\"started_at\":\"2026-12-01T02:00:00Z\",\"duration_seconds\":12.5,\"exit_code\":1,"
                + "\"error\":\"https://acme.backpackit.com/ws/pages/all failed 4 times\"}");
    }

    @Test
    void aStartedRunHasNullWhereItHasNoValueYet() {
        assertThat(RunSummaryJson.of(RunSummaries.nightlyBackup(Outcome.STARTED))).isEqualTo("{\"job\":\"nightly\","
                + "\"operation\":\"backup\",\"account\":\"https://acme.backpackit.com\",\"snapshot\":null,\"status\":\"started\","
                + "\"counts\":{},\"records_changed\":0,\"requests\":0,\"rate_limited\":0,\"retries\":0,"
                + "\"started_at\":\"2026-12-01T02:00:00Z\",\"duration_seconds\":0.0,\"exit_code\":0,\"error\":null}");
    }

    @Test
    void eachOutcomeHasItsStatusWord() {
        assertThat(RunSummaryJson.of(RunSummaries.nightlyBackup(Outcome.SUCCEEDED))).contains("\"status\":\"success\"");
        assertThat(RunSummaryJson.of(RunSummaries.nightlyBackup(Outcome.INTERRUPTED))).contains("\"status\":\"interrupted\"");
    }

    @Test
    void aTokenSmuggledIntoAnyTextNeverReachesTheSummary() {
        String token = "notify-json-token-7f3a9c";
        ApiToken.of(token);
        // JSON escapes the quote, so only scrubbing the text before it is written can find this one
        String quoted = "notify\"json\\token-51d2";
        ApiToken.of(quoted);
        RunSummary summary = new RunSummary("job-" + token, Operation.RESTORE, "https://" + token + ".example.com", 3L,
                Outcome.FAILED, Map.of(token, 1L), 0, 1, 0, 0, Instant.parse("2026-12-01T02:00:00Z"), Duration.ofSeconds(1), 3,
                "the server refused " + token + " and " + quoted);

        String json = RunSummaryJson.of(summary);

        assertThat(json).doesNotContain(token).doesNotContain("notify\\\"json\\\\token-51d2").doesNotContain("51d2");
        assertThat(json).contains("\"job\":\"job-[token]\"", "\"error\":\"the server refused [token] and [token]\"");
    }
}
