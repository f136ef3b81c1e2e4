package org.backpackbatch.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.backpackbatch.backup.BackupRefusalsTest.assertOneErrorLine;
import static org.backpackbatch.backup.BackupRefusalsTest.backup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.backpackbatch.emulator.AccountSpec;
import org.backpackbatch.emulator.BackpackEmulator;
import org.backpackbatch.emulator.EmulatorConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A token the server refuses, seen from a backup process of its own: exit 3, one line, and no token anywhere. */
class BackupRefusalsIT {

    @Test
    void aTokenTheServerRefusesExits3AndNoSnapshotCompletes(@TempDir Path dir) throws Exception {
        String wrong = "0123456789abcdef0123456789abcdef01234567";
        Path wrongTokenFile = Files.writeString(dir.resolve("wrong-token"), wrong);
        Path store = dir.resolve("store.db");
        try (BackpackEmulator emulator = BackpackEmulator.start(EmulatorConfig.defaults()
                .withAccounts(List.of(new AccountSpec("src", "20"))).withRateLimit(null))) {
            BackpackEmulator.HostedAccount account = emulator.account("src");

            BackupCli.Run run;
            // a process of its own, so that stderr holds whatever the libraries log too
            try (BackupCli.Forked backup = BackupCli.fork(dir, List.of(), backup(account.baseUrl(), store, "--token-file",
                    wrongTokenFile.toString()))) {
                run = backup.await(Duration.ofSeconds(60));
            }

            assertThat(run.exitCode()).isEqualTo(3);
            assertOneErrorLine(run, "the server refused the token for " + account.baseUrl());
            run.assertNoToken(wrong).assertNoToken(account.token());
            assertThat(SnapshotContents.query(store, "SELECT count(*) FROM snapshots WHERE finished_at IS NOT NULL")).isEqualTo("0");
            assertThat(SnapshotContents.query(store, "SELECT count(*) FROM versions")).isEqualTo("0");
            assertThat(SnapshotContents.filesContain(store, wrong)).as("the refused token in the store's files").isFalse();
        }
    }
}
