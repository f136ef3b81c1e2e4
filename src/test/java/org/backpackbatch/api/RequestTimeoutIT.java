package org.backpackbatch.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.backpackbatch.api.BackpackException.Kind;
import org.junit.jupiter.api.Test;

/**
 * The request timeout bounds a whole request, not each read: a server that trickles its answer or
 * never sends one costs each attempt the timeout, then the read fails as unavailable, and a create
 * that timed out is reported as uncertain instead of being sent twice.
 */
class RequestTimeoutIT {

    private static final String TOKEN = "0123456789abcdef0123456789abcdef01234567";
    private static final int ATTEMPTS = 2;
    /** Against a hang of the test itself: far above the attempts' timeouts, far below a trickled answer. */
    private static final Duration GUARD = Duration.ofSeconds(30);
    /** Five bytes a second: each read waits far less than the timeout, so only a deadline on the whole request ends it. */
    private static final Duration BYTE_INTERVAL = Duration.ofMillis(200);
    private static final String PAGES = "<response success='true'><pages>"
            + "<page id='1' title='Plans' scope='personal'/><page id='2' title='Trip' scope='personal'/>"
            + "<page id='3' title='Books' scope='personal'/></pages></response>";
    private static final ClientSettings SETTINGS = ClientSettings.defaults()
            .withRetries(ATTEMPTS, Duration.ofMillis(10), Duration.ofMillis(50))
            .withRequestTimeout(Duration.ofSeconds(1));

    @Test
    void anAnswerTrickledInIsCutAtTheTimeoutRetriedThenUnavailable() {
        try (StalledServer server = StalledServer.trickling(PAGES, BYTE_INTERVAL)) {
            assertThat(timedOut(server, Kind.UNAVAILABLE, client -> client.pages()))
                    .hasMessageContaining("failed " + ATTEMPTS + " times")
                    .hasMessageContaining("no complete answer within 1 s");
            assertThat(server.requests()).isEqualTo(ATTEMPTS);
        }
    }

    @Test
    void aServerThatNeverAnswersTimesOutRetriedThenUnavailable() {
        try (StalledServer server = StalledServer.silent()) {
            assertThat(timedOut(server, Kind.UNAVAILABLE, client -> client.pages()))
                    .hasMessageContaining("failed " + ATTEMPTS + " times")
                    .hasMessageContaining("no complete answer within 1 s");
            assertThat(server.requests()).isEqualTo(ATTEMPTS);
        }
    }

    @Test
    void aCreateThatTimedOutIsUncertainAndNeverSentTwice() {
        try (StalledServer server = StalledServer.silent()) {
            assertThat(timedOut(server, Kind.UNCERTAIN, client -> client.createPage("Plans")))
                    .hasMessageContaining("may have been applied")
                    .hasMessageContaining("no complete answer within 1 s");
            assertThat(server.requests()).isEqualTo(1);
        }
    }

    @FunctionalInterface
    private interface Call {
        Object on(BackpackClient client);
    }

    /** Makes the call against the server and returns the BackpackException of {@code kind} it must end in. */
    private static BackpackException timedOut(StalledServer server, Kind kind, Call call) {
        try (BackpackClient client = new BackpackClient(AccountUrl.parse(server.accountUrl()), ApiToken.of(TOKEN), SETTINGS)) {
            return assertTimeoutPreemptively(GUARD, () -> {
                Throwable thrown = catchThrowable(() -> call.on(client));
                assertThat(thrown).isInstanceOfSatisfying(BackpackException.class, e -> assertThat(e.kind()).isEqualTo(kind));
                return (BackpackException) thrown;
            });
        }
    }
}
