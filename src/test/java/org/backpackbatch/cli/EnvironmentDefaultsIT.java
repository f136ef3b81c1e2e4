package org.backpackbatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.backpackbatch.backup.BackupCli;
import org.backpackbatch.emulator.AccountSpec;
import org.backpackbatch.emulator.BackpackEmulator;
import org.backpackbatch.emulator.EmulatorConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code BACKPACK_DB} and {@code BACKPACK_ACCOUNT} stand in for {@code --db} and {@code --account},
 * as restic's {@code RESTIC_REPOSITORY} does; an option on the command line wins. Each run is a
 * process of its own, since only a new process has an environment of its own.
 */
class EnvironmentDefaultsIT {

    private static final Duration RUN = Duration.ofSeconds(120);

    @TempDir
    Path dir;

    @Test
    void theEnvironmentNamesTheStoreAndAccountAndAnOptionWins() throws Exception {
        try (BackpackEmulator emulator = BackpackEmulator.start(EmulatorConfig.defaults().withAccounts(List.of(new AccountSpec("acme", "demo")))
                .withRateLimit(null))) {
            BackpackEmulator.HostedAccount acme = emulator.account("acme");
            Path store = dir.resolve("from-env.db");
            Path other = dir.resolve("from-option.db");
            Map<String, String> environment = Map.of("BACKPACK_DB", store.toString(), "BACKPACK_ACCOUNT", acme.baseUrl(),
                    "BACKPACK_TOKEN", acme.token());

            BackupCli.Run backup = BackupCli.fork(dir, List.of(), environment, "backup", "--progress", "none").await(RUN);
            assertThat(backup.exitCode()).as(backup.err()).isZero();
            assertThat(backup.out()).contains("snapshot 1 of " + acme.baseUrl() + " complete");
            assertThat(store).isRegularFile();

            BackupCli.Run elsewhere = BackupCli.fork(dir, List.of(), environment, "backup", "--db", other.toString(), "--progress", "none")
                    .await(RUN);
            assertThat(elsewhere.exitCode()).as(elsewhere.err()).isZero();
            assertThat(other).as("--db on the command line wins over BACKPACK_DB").isRegularFile();

            BackupCli.Run listed = BackupCli.fork(dir, List.of(), Map.of("BACKPACK_DB", store.toString()), "snapshots", "--json").await(RUN);
            assertThat(listed.exitCode()).as(listed.err()).isZero();
            assertThat(listed.out().lines()).as("the store BACKPACK_DB names holds the one snapshot taken into it").singleElement()
                    .asString().contains("\"id\":1").contains(acme.baseUrl());
            backup.assertNoToken(acme.token());
        }
    }
}
