package org.backpackbatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.backpackbatch.backup.BackupCli;
import org.backpackbatch.emulator.AccountSpec;
import org.backpackbatch.emulator.BackpackEmulator;
import org.backpackbatch.emulator.EmulatorConfig;
import org.backpackbatch.emulator.FaultPlan;
import org.backpackbatch.notify.Receiver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The notifications of runs that end badly the hard way: a failure after retries, and a run stopped by SIGTERM. */
class RunNotificationsIT {

    @TempDir
    Path dir;

    private static String status(Receiver.Call call) throws Exception {
        return new ObjectMapper().readTree(call.body()).get("status").asText();
    }

    @Test
    void aBackupThatFailsAfterItsRetriesIsOneFailure() throws Exception {
        // every request fails: the client retries each one, then the run fails
        try (BackpackEmulator emulator = BackpackEmulator.start(EmulatorConfig.defaults().withAccounts(List.of(new AccountSpec("acme", "demo")))
                .withFaults(new FaultPlan(0, 0, 1.0, 7)));
             Receiver hook = Receiver.answering(200)) {
            BackpackEmulator.HostedAccount account = emulator.account("acme");
            Path token = Files.writeString(dir.resolve("token"), account.token() + "\n");

            BackupCli.Run run = BackupCli.inProcess("backup", "--account", account.baseUrl(), "--token-file", token.toString(),
                    "--db", dir.resolve("store.db").toString(), "--progress", "none", "--notify-url", hook.url("/hook"));

            assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
            assertThat(hook.calls()).singleElement().satisfies(call -> {
                assertThat(status(call)).isEqualTo("failure");
                assertThat(call.body()).contains("failed 6 times").doesNotContain(account.token());
            });
        }
    }

    @Test
    void aBackupStoppedBySigtermIsOneInterruption() throws Exception {
        try (BackpackEmulator emulator = BackpackEmulator.start(EmulatorConfig.defaults().withAccounts(List.of(new AccountSpec("acme", "120")))
                .withFaults(new FaultPlan(100, 100, 0, 1)));
             Receiver hook = Receiver.answering(200)) {
            BackpackEmulator.HostedAccount account = emulator.account("acme");
            Path token = Files.writeString(dir.resolve("token"), account.token() + "\n");
            BackupCli.Run stopped;
            try (BackupCli.Forked backup = BackupCli.fork(dir, List.of(), "backup", "--account", account.baseUrl(), "--token-file",
                    token.toString(), "--db", dir.resolve("store.db").toString(), "--progress", "plain", "--notify-url", hook.url("/hook"))) {
                backup.awaitErr(Pattern.compile("backup: 10%"), Duration.ofSeconds(60));
                stopped = backup.terminate(Duration.ofSeconds(60));
            }

            assertThat(stopped.exitCode()).as(stopped.err()).isEqualTo(143);
            assertThat(hook.calls()).singleElement().satisfies(call -> {
                assertThat(status(call)).isEqualTo("interrupted");
                assertThat(call.body()).contains("run the same command to resume it");
            });
        }
    }
}
