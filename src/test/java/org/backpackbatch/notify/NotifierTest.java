package org.backpackbatch.notify;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.backpackbatch.api.ApiToken;
import org.backpackbatch.app.RunSummary;
import org.backpackbatch.app.RunSummary.Outcome;
import org.backpackbatch.notify.NotifyTarget.Command;
import org.backpackbatch.notify.NotifyTarget.Ping;
import org.backpackbatch.notify.NotifyTarget.Webhook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Delivery to real receivers on loopback and real commands: one call per event, a retry, never a throw (timeouts: {@link NotifierIT}). */
class NotifierTest {

    /** Long enough for any loopback exchange on a busy machine: the first one loads HttpClient's classes. */
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** Short: a retry waits for it, and waiting the default tenth of the timeout proves nothing more. */
    private static final Duration BACKOFF = Duration.ofMillis(100);

    @TempDir
    Path dir;

    @RegisterExtension
    final NotifyLog log = new NotifyLog();

    @Test
    void aWebhookGetsOnePostPerEventWithItsStatus() throws Exception {
        try (Receiver receiver = Receiver.answering(200)) {
            Webhook hook = new Webhook(URI.create(receiver.url("/hook")));
            try (Notifier notifier = new Notifier(new Notifications(List.of(hook), List.of(hook), List.of(hook)), TIMEOUT, BACKOFF)) {
                for (Outcome outcome : Outcome.values()) {
                    notifier.deliver(RunSummaries.nightlyBackup(outcome));
                }
            }

            assertThat(receiver.calls()).extracting(Receiver.Call::body).containsExactly(
                    RunSummaryJson.of(RunSummaries.nightlyBackup(Outcome.STARTED)),
                    RunSummaryJson.of(RunSummaries.nightlyBackup(Outcome.SUCCEEDED)),
                    RunSummaryJson.of(RunSummaries.nightlyBackup(Outcome.FAILED)),
                    RunSummaryJson.of(RunSummaries.nightlyBackup(Outcome.INTERRUPTED)));
            assertThat(receiver.calls()).allSatisfy(call -> {
                assertThat(call.method()).isEqualTo("POST");
                assertThat(call.path()).isEqualTo("/hook");
                assertThat(call.contentType()).startsWith("application/json");
                assertThat(call.authorization()).isNull();
            });
            assertThat(log.lines(Level.INFO)).containsExactly(
                    "notified webhook " + receiver.url("/hook") + " of backup 'nightly' (started)",
                    "notified webhook " + receiver.url("/hook") + " of backup 'nightly' (success)",
                    "notified webhook " + receiver.url("/hook") + " of backup 'nightly' (failure)",
                    "notified webhook " + receiver.url("/hook") + " of backup 'nightly' (interrupted)");
            assertThat(log.lines(Level.ERROR)).isEmpty();
        }
    }

    @Test
    void aPingGoesToStartSuccessAndFail() throws Exception {
        try (Receiver receiver = Receiver.answering(200)) {
            Ping ping = new Ping(URI.create(receiver.url("/ping/0f1e")));
            try (Notifier notifier = new Notifier(new Notifications(List.of(ping), List.of(ping), List.of(ping)), TIMEOUT, BACKOFF)) {
                for (Outcome outcome : Outcome.values()) {
                    notifier.deliver(RunSummaries.nightlyBackup(outcome));
                }
            }

            assertThat(receiver.calls()).extracting(Receiver.Call::path)
                    .containsExactly("/ping/0f1e/start", "/ping/0f1e", "/ping/0f1e/fail", "/ping/0f1e/fail");
            assertThat(receiver.calls()).extracting(Receiver.Call::body)
                    .allSatisfy(body -> assertThat(body).startsWith("{\"job\":\"nightly\""));
        }
    }

    @Test
    void onlyTheTargetsOfTheOutcomeAreTold() throws Exception {
        try (Receiver receiver = Receiver.answering(200);
                Notifier notifier = new Notifier(Notifications.webhooks(List.of(receiver.url("/cron"))), TIMEOUT, BACKOFF)) {
            notifier.deliver(RunSummaries.nightlyBackup(Outcome.STARTED));
            notifier.deliver(RunSummaries.nightlyBackup(Outcome.FAILED));

            assertThat(receiver.calls()).extracting(Receiver.Call::body)
                    .containsExactly(RunSummaryJson.of(RunSummaries.nightlyBackup(Outcome.FAILED)));
        }
    }

    @Test
    void aFailedAttemptIsRetriedOnce() throws Exception {
        try (Receiver receiver = Receiver.answering(500, 200);
                Notifier notifier = new Notifier(Notifications.webhooks(List.of(receiver.url("/hook"))), TIMEOUT, BACKOFF)) {
            notifier.deliver(RunSummaries.nightlyBackup(Outcome.FAILED));

            assertThat(receiver.calls()).hasSize(2);
            assertThat(log.lines(Level.INFO)).containsExactly("notified webhook " + receiver.url("/hook")
                    + " of backup 'nightly' (failure) on the retry, after: HTTP 500");
            assertThat(log.lines(Level.ERROR)).isEmpty();
        }
    }

    @Test
    void aReceiverThatKeepsFailingIsOneErrorLineAndNoException() throws Exception {
        try (Receiver receiver = Receiver.answering(500);
                Notifier notifier = new Notifier(Notifications.webhooks(List.of(receiver.url("/hook?key=s3cret"))), TIMEOUT, BACKOFF)) {
            notifier.deliver(RunSummaries.nightlyBackup(Outcome.SUCCEEDED));

            assertThat(receiver.calls()).hasSize(2);
            assertThat(log.lines(Level.ERROR)).containsExactly("could not notify webhook " + receiver.url("/hook?key=***")
                    + " of backup 'nightly' (success): HTTP 500, twice (retried once)");
        }
    }

    @Test
    void aRedirectIsNotFollowed() throws Exception {
        try (Receiver receiver = Receiver.answering(302);
                Notifier notifier = new Notifier(Notifications.webhooks(List.of(receiver.url("/hook"))), TIMEOUT, BACKOFF)) {
            notifier.deliver(RunSummaries.nightlyBackup(Outcome.SUCCEEDED));

            assertThat(receiver.calls()).extracting(Receiver.Call::path).containsExactly("/hook", "/hook");
            assertThat(log.lines(Level.ERROR)).singleElement().asString().endsWith("HTTP 302 (redirects are not followed), twice (retried once)");
        }
    }

    @Test
    void aRunStoppedBySignalIsStillTold() throws Exception {
        try (Receiver receiver = Receiver.answering(200);
                Notifier notifier = new Notifier(Notifications.webhooks(List.of(receiver.url("/hook"))), TIMEOUT, BACKOFF)) {
            // the caller's thread was interrupted by the stop, as a command's thread may be
            Thread.currentThread().interrupt();
            notifier.deliver(RunSummaries.nightlyBackup(Outcome.INTERRUPTED));

            assertThat(Thread.interrupted()).as("the caller keeps its interrupt status").isTrue();
            assertThat(receiver.calls()).extracting(Receiver.Call::body)
                    .containsExactly(RunSummaryJson.of(RunSummaries.nightlyBackup(Outcome.INTERRUPTED)));
        }
    }

    @Test
    void aCommandGetsTheSummaryOnItsInput() throws Exception {
        Path received = dir.resolve("received.json");
        Command command = new Command(List.of("sh", "-c", "cat > \"$0\"", received.toString()));
        try (Notifier notifier = new Notifier(new Notifications(List.of(), List.of(), List.of(command)), TIMEOUT, BACKOFF)) {
            notifier.deliver(RunSummaries.nightlyBackup(Outcome.FAILED));
        }

        assertThat(received).hasContent(RunSummaryJson.of(RunSummaries.nightlyBackup(Outcome.FAILED)));
        assertThat(log.lines(Level.INFO)).containsExactly("notified command sh -c cat > \"$0\" " + received + " of backup 'nightly' (failure)");
    }

    @Test
    void aFailingCommandIsReportedWithWhatItSaid() {
        Command command = new Command(List.of("sh", "-c", "echo starting; echo 'no route to pager' >&2; exit 3"));
        try (Notifier notifier = new Notifier(new Notifications(List.of(), List.of(), List.of(command)), TIMEOUT, BACKOFF)) {
            notifier.deliver(RunSummaries.nightlyBackup(Outcome.FAILED));
        }

        assertThat(log.lines(Level.ERROR)).singleElement().asString().endsWith(
                "(failure): exited with status 3: no route to pager, twice (retried once)");
    }

    @Test
    void aCommandNeverSeesATokenFromTheEnvironment() {
        String token = "notify-env-token-4b8e1d";
        ApiToken.of(token);
        Map<String, String> environment = new HashMap<>(Map.of("BACKPACK_TOKEN", token, "PATH", "/usr/bin",
                "SOMEWHERE", "https://x.example/?t=" + token));

        Notifier.withoutSecrets(environment);

        assertThat(environment).containsExactly(Map.entry("PATH", "/usr/bin"));
    }

    @Test
    void aTargetThatCannotBeReachedNeverFailsTheCaller() {
        Command missing = new Command(List.of(dir.resolve("no-such-program").toString()));
        RunSummary summary = RunSummaries.nightlyBackup(Outcome.FAILED);
        try (Notifier notifier = new Notifier(new Notifications(List.of(), List.of(), List.of(missing,
                new Webhook(URI.create("http://127.0.0.1:1/closed-port")))), TIMEOUT, BACKOFF)) {
            notifier.deliver(summary);
        }

        assertThat(log.lines(Level.ERROR)).hasSize(2).anySatisfy(line -> assertThat(line).contains("cannot run it: IOException"))
                .anySatisfy(line -> assertThat(line).contains("http://127.0.0.1:1/closed-port").contains("Connection refused"));
    }
}
