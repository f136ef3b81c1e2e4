package org.backpackbatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.backpackbatch.backup.BackupCli;
import org.backpackbatch.emulator.AccountSpec;
import org.backpackbatch.emulator.BackpackEmulator;
import org.backpackbatch.emulator.EmulatorConfig;
import org.backpackbatch.notify.Receiver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run tells a webhook and a ping receiver on loopback: one call a run, with how it ended, never a token. */
class RunNotificationsTest {

    @TempDir
    static Path dir;

    private static BackpackEmulator emulator;
    private static BackpackEmulator.HostedAccount account;
    private static Path token;

    @BeforeAll
    static void start() throws IOException {
        emulator = BackpackEmulator.start(EmulatorConfig.defaults().withAccounts(List.of(new AccountSpec("acme", "demo"))).withRateLimit(null));
        account = emulator.account("acme");
        token = Files.writeString(dir.resolve("acme.token"), account.token() + "\n");
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    private static BackupCli.Run backup(Path store, Path tokenFile, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("backup", "--account", account.baseUrl(), "--token-file", tokenFile.toString(),
                "--db", store.toString(), "--progress", "none"));
        args.addAll(List.of(more));
        return BackupCli.inProcess(args.toArray(String[]::new));
    }

    private static JsonNode json(String body) throws IOException {
        return new ObjectMapper().readTree(body);
    }

    @Test
    void aSuccessfulBackupPostsOneSummaryWithItsSnapshotAndCounts() throws Exception {
        try (Receiver hook = Receiver.answering(200)) {
            BackupCli.Run run = backup(dir.resolve("ok.db"), token, "--notify-url", hook.url("/hook"));

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(hook.calls()).singleElement().satisfies(call -> {
                assertThat(call.method()).isEqualTo("POST");
                assertThat(call.authorization()).as("we send no credentials").isNull();
                assertThat(call.body()).doesNotContain(account.token());
                JsonNode summary = json(call.body());
                assertThat(summary.get("status").asText()).isEqualTo("success");
                assertThat(summary.get("job").asText()).isEqualTo("backup");
                assertThat(summary.get("account").asText()).isEqualTo(account.baseUrl());
                assertThat(summary.get("snapshot").asLong()).isEqualTo(1);
                assertThat(summary.get("counts").get("pages").asLong()).isEqualTo(account.data().allPages().size());
                assertThat(summary.get("requests").asLong()).isPositive();
                assertThat(summary.get("error").isNull()).isTrue();
            });
        }
    }

    @Test
    void aFailedBackupPostsOneSummaryWithItsErrorAndExitCode() throws Exception {
        Path wrong = Files.writeString(dir.resolve("wrong.token"), "0123456789abcdef0123456789abcdef01234567\n");
        try (Receiver hook = Receiver.answering(200)) {
            BackupCli.Run run = backup(dir.resolve("refused.db"), wrong, "--notify-url", hook.url("/hook"));

            assertThat(run.exitCode()).isEqualTo(3);
            assertThat(hook.calls()).singleElement().satisfies(call -> {
                JsonNode summary = json(call.body());
                assertThat(summary.get("status").asText()).isEqualTo("failure");
                assertThat(summary.get("exit_code").asInt()).isEqualTo(3);
                assertThat(summary.get("error").asText()).contains("refused the token");
            });
        }
    }

    @Test
    void aReceiverThatFailsOnceGetsTheSummaryOnItsRetryAndTheBackupIsUntouched() throws Exception {
        try (Receiver hook = Receiver.answering(500, 200)) {
            BackupCli.Run run = backup(dir.resolve("retry.db"), token, "--notify-url", hook.url("/hook"));

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(hook.calls()).hasSize(2).allSatisfy(call -> assertThat(json(call.body()).get("status").asText()).isEqualTo("success"));
        }
    }

    @Test
    void aReceiverThatKeepsFailingNeverFailsTheBackupAndIsOneErrorLine() throws Exception {
        try (Receiver hook = Receiver.answering(500)) {
            BackupCli.Run run = backup(dir.resolve("down.db"), token, "--notify-url", hook.url("/hook"));

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).contains("snapshot 1 of " + account.baseUrl() + " complete");
        }
    }

    @Test
    void aJobFilesPingHearsTheStartAndTheSuccess() throws Exception {
        Path jobs = Files.createDirectories(dir.resolve("jobs"));
        try (Receiver ping = Receiver.answering(200)) {
            Files.writeString(jobs.resolve("nightly.yml"), "type: backup\naccount: " + account.baseUrl() + "\ndb: " + dir.resolve("job.db")
                    + "\ntoken-file: " + token + "\nnotify:\n  on-start:\n    - ping: " + ping.url("/ping/abc") + "\n  on-success:\n    - ping: "
                    + ping.url("/ping/abc") + "\n  on-failure:\n    - ping: " + ping.url("/ping/abc") + "\n");

            BackupCli.Run run = BackupCli.inProcess("schedule", "--jobs", jobs.toString(), "--once", "nightly");

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(ping.calls()).extracting(Receiver.Call::path).containsExactly("/ping/abc/start", "/ping/abc");
            assertThat(json(ping.calls().get(1).body()).get("job").asText()).isEqualTo("nightly");
        }
    }

    @Test
    void aBadNotifyUrlIsAUsageErrorBeforeAnythingRuns() {
        BackupCli.Run run = backup(dir.resolve("never.db"), token, "--notify-url", "ftp://example.invalid/hook");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errorLines()).singleElement().asString().contains("--notify-url");
        assertThat(dir.resolve("never.db")).doesNotExist();
    }
}
