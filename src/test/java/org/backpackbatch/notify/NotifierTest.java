package org.backpackbatch.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.backpackbatch.api.ApiToken;
import org.backpackbatch.api.StalledServer;
import org.backpackbatch.app.RunSummary;
import org.backpackbatch.app.RunSummary.Outcome;
import org.backpackbatch.notify.NotifyTarget.Command;
import org.backpackbatch.notify.NotifyTarget.Ping;
import org.backpackbatch.notify.NotifyTarget.Webhook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Delivery to real receivers on loopback and real commands: one call per event, a retry, a timeout, never a throw. */
class NotifierTest {

    /** Long enough for any loopback exchange on a busy machine: the first one loads HttpClient's classes. */
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** For the tests that wait a timeout out. */
    private static final Duration SHORT = Duration.ofSeconds(2);
    /** Only a guard against a hang: deliver() returns after about SHORT, twice. */
    private static final Duration HANG = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private final ListAppender<ILoggingEvent> log = new ListAppender<>();

    @BeforeEach
    void captureLog() {
        log.start();
        ((Logger) LoggerFactory.getLogger("notify")).addAppender(log);
    }

    @AfterEach
    void releaseLog() {
        ((Logger) LoggerFactory.getLogger("notify")).detachAppender(log);
    }

    @Test
    void aWebhookGetsOnePostPerEventWithItsStatus() throws Exception {
        try (Receiver receiver = Receiver.answering(200)) {
            Webhook hook = new Webhook(URI.create(receiver.url("/hook")));
            try (Notifier notifier = new Notifier(new Notifications(List.of(hook), List.of(hook), List.of(hook)), TIMEOUT)) {
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
            assertThat(lines(Level.INFO)).containsExactly(
                    "notified webhook " + receiver.url("/hook") + " of backup 'nightly' (started)",
                    "notified webhook " + receiver.url("/hook") + " of backup 'nightly' (success)",
                    "notified webhook " + receiver.url("/hook") + " of backup 'nightly' (failure)",
                    "notified webhook " + receiver.url("/hook") + " of backup 'nightly' (interrupted)");
            assertThat(lines(Level.ERROR)).isEmpty();
        }
    }

    @Test
    void aPingGoesToStartSuccessAndFail() throws Exception {
        try (Receiver receiver = Receiver.answering(200)) {
            Ping ping = new Ping(URI.create(receiver.url("/ping/0f1e")));
            try (Notifier notifier = new Notifier(new Notifications(List.of(ping), List.of(ping), List.of(ping)), TIMEOUT)) {
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
                Notifier notifier = new Notifier(Notifications.webhooks(List.of(receiver.url("/cron"))), TIMEOUT)) {
            notifier.deliver(RunSummaries.nightlyBackup(Outcome.STARTED));
            notifier.deliver(RunSummaries.nightlyBackup(Outcome.FAILED));

            assertThat(receiver.calls()).extracting(Receiver.Call::body)
                    .containsExactly(RunSummaryJson.of(RunSummaries.nightlyBackup(Outcome.FAILED)));
        }
    }

    @Test
    void aFailedAttemptIsRetriedOnce() throws Exception {
        try (Receiver receiver = Receiver.answering(500, 200);
                Notifier notifier = new Notifier(Notifications.webhooks(List.of(receiver.url("/hook"))), TIMEOUT)) {
            notifier.deliver(RunSummaries.nightlyBackup(Outcome.FAILED));

            assertThat(receiver.calls()).hasSize(2);
            assertThat(lines(Level.INFO)).containsExactly("notified webhook " + receiver.url("/hook")
                    + " of backup 'nightly' (failure) on the retry, after: HTTP 500");
            assertThat(lines(Level.ERROR)).isEmpty();
        }
    }

    @Test
    void aReceiverThatKeepsFailingIsOneErrorLineAndNoException() throws Exception {
        try (Receiver receiver = Receiver.answering(500);
                Notifier notifier = new Notifier(Notifications.webhooks(List.of(receiver.url("/hook?key=s3cret"))), TIMEOUT)) {
            notifier.deliver(RunSummaries.nightlyBackup(Outcome.SUCCEEDED));

            assertThat(receiver.calls()).hasSize(2);
            assertThat(lines(Level.ERROR)).containsExactly("could not notify webhook " + receiver.url("/hook?key=***")
                    + " of backup 'nightly' (success): HTTP 500, twice (retried once)");
        }
    }

    @Test
    void aRedirectIsNotFollowed() throws Exception {
        try (Receiver receiver = Receiver.answering(302);
                Notifier notifier = new Notifier(Notifications.webhooks(List.of(receiver.url("/hook"))), TIMEOUT)) {
            notifier.deliver(RunSummaries.nightlyBackup(Outcome.SUCCEEDED));

            assertThat(receiver.calls()).extracting(Receiver.Call::path).containsExactly("/hook", "/hook");
            assertThat(lines(Level.ERROR)).singleElement().asString().endsWith("HTTP 302 (redirects are not followed), twice (retried once)");
        }
    }

    @Test
    void aReceiverThatNeverAnswersCostsTheTimeoutAndNoMore() {
        try (StalledServer silent = StalledServer.silent();
                Receiver fine = Receiver.answering(200);
                Notifier notifier = new Notifier(Notifications.webhooks(List.of(silent.accountUrl(), fine.url("/hook"))), SHORT)) {
            assertTimeoutPreemptively(HANG, () -> notifier.deliver(RunSummaries.nightlyBackup(Outcome.FAILED)));

            assertThat(silent.requests()).isEqualTo(2);
            assertThat(fine.calls()).hasSize(1);
            assertThat(lines(Level.ERROR)).containsExactly("could not notify webhook " + silent.accountUrl()
                    + " of backup 'nightly' (failure): no answer within the 2.0 s timeout, twice (retried once)");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void sendReturnsAtOnceAndCompletesWhenTheTargetsAreDone() throws Exception {
        try (StalledServer silent = StalledServer.silent();
                Notifier notifier = new Notifier(Notifications.webhooks(List.of(silent.accountUrl())), SHORT)) {
            CompletableFuture<Void> sent = notifier.send(RunSummaries.nightlyBackup(Outcome.FAILED));

            // the receiver never answers: only the timeout can end the delivery
            assertThat(sent).isNotDone();
            sent.get(HANG.toSeconds(), TimeUnit.SECONDS);
            assertThat(lines(Level.ERROR)).hasSize(1);
        }
    }

    @Test
    void aRunStoppedBySignalIsStillTold() throws Exception {
        try (Receiver receiver = Receiver.answering(200);
                Notifier notifier = new Notifier(Notifications.webhooks(List.of(receiver.url("/hook"))), TIMEOUT)) {
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
        try (Notifier notifier = new Notifier(new Notifications(List.of(), List.of(), List.of(command)), TIMEOUT)) {
            notifier.deliver(RunSummaries.nightlyBackup(Outcome.FAILED));
        }

        assertThat(received).hasContent(RunSummaryJson.of(RunSummaries.nightlyBackup(Outcome.FAILED)));
        assertThat(lines(Level.INFO)).containsExactly("notified command sh -c cat > \"$0\" " + received + " of backup 'nightly' (failure)");
    }

    @Test
    void aFailingCommandIsReportedWithWhatItSaid() {
        Command command = new Command(List.of("sh", "-c", "echo starting; echo 'no route to pager' >&2; exit 3"));
        try (Notifier notifier = new Notifier(new Notifications(List.of(), List.of(), List.of(command)), TIMEOUT)) {
            notifier.deliver(RunSummaries.nightlyBackup(Outcome.FAILED));
        }

        assertThat(lines(Level.ERROR)).singleElement().asString().endsWith(
                "(failure): exited with status 3: no route to pager, twice (retried once)");
    }

    @Test
    void aCommandThatHangsIsStoppedAtTheTimeout() {
        Path started = dir.resolve("started");
        Command command = new Command(List.of("sh", "-c", "echo >> \"$0\"; sleep 60", started.toString()));
        try (Notifier notifier = new Notifier(new Notifications(List.of(), List.of(), List.of(command)), SHORT)) {
            assertTimeoutPreemptively(HANG, () -> notifier.deliver(RunSummaries.nightlyBackup(Outcome.FAILED)));
        }

        assertThat(started).content().hasLineCount(2);
        assertThat(lines(Level.ERROR)).singleElement().asString().endsWith(
                "(failure): did not end within the 2.0 s timeout and was stopped, twice (retried once)");
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
                new Webhook(URI.create("http://127.0.0.1:1/closed-port")))), TIMEOUT)) {
            notifier.deliver(summary);
        }

        assertThat(lines(Level.ERROR)).hasSize(2).anySatisfy(line -> assertThat(line).contains("cannot run it: IOException"))
                .anySatisfy(line -> assertThat(line).contains("http://127.0.0.1:1/closed-port").contains("Connection refused"));
    }

    private List<String> lines(Level level) {
        return List.copyOf(log.list).stream().filter(event -> event.getLevel() == level).map(ILoggingEvent::getFormattedMessage).toList();
    }
}
