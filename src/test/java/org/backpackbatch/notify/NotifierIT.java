package org.backpackbatch.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import ch.qos.logback.classic.Level;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.backpackbatch.api.StalledServer;
import org.backpackbatch.app.RunSummary.Outcome;
import org.backpackbatch.notify.NotifyTarget.Command;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The notifier's timeout, against a receiver that never answers and a command that hangs until it is stopped. */
class NotifierIT {

    /** The timeout these tests wait out. */
    private static final Duration SHORT = Duration.ofSeconds(2);
    /** Only a guard against a hang: deliver() returns after about SHORT, twice. */
    private static final Duration HANG = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @RegisterExtension
    final NotifyLog log = new NotifyLog();

    @Test
    void aReceiverThatNeverAnswersCostsTheTimeoutAndNoMore() {
        try (StalledServer silent = StalledServer.silent();
                Receiver fine = Receiver.answering(200);
                Notifier notifier = new Notifier(Notifications.webhooks(List.of(silent.accountUrl(), fine.url("/hook"))), SHORT)) {
            assertTimeoutPreemptively(HANG, () -> notifier.deliver(RunSummaries.nightlyBackup(Outcome.FAILED)));

            assertThat(silent.requests()).isEqualTo(2);
            // delivered (on a loaded machine its first answer may come after the first attempt's deadline, and the retry's counts)
            assertThat(fine.calls()).isNotEmpty();
            assertThat(log.lines(Level.ERROR)).containsExactly("could not notify webhook " + silent.accountUrl()
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
            assertThat(log.lines(Level.ERROR)).hasSize(1);
        }
    }

    @Test
    void aCommandThatHangsIsStoppedAtTheTimeout() {
        Path started = dir.resolve("started");
        Command command = new Command(List.of("sh", "-c", "echo >> \"$0\"; sleep 60", started.toString()));
        try (Notifier notifier = new Notifier(new Notifications(List.of(), List.of(), List.of(command)), SHORT)) {
            assertTimeoutPreemptively(HANG, () -> notifier.deliver(RunSummaries.nightlyBackup(Outcome.FAILED)));
        }

        assertThat(started).content().hasLineCount(2);
        assertThat(log.lines(Level.ERROR)).singleElement().asString().endsWith(
                "(failure): did not end within the 2.0 s timeout and was stopped, twice (retried once)");
    }
}
