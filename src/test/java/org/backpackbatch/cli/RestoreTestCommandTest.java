package org.backpackbatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import org.backpackbatch.backup.BackupCli;
import org.backpackbatch.emulator.AccountSpec;
import org.backpackbatch.emulator.BackpackEmulator;
import org.backpackbatch.emulator.EmulatorConfig;
import org.backpackbatch.store.RecordKind;
import org.backpackbatch.store.RecordVersion;
import org.backpackbatch.store.StoreFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code verify --restore-test}: a snapshot proven to restore, without touching a real account; a store that cannot is named. */
class RestoreTestCommandTest {

    @TempDir
    static Path dir;

    private static Path store;

    @BeforeAll
    static void backUp() throws Exception {
        store = dir.resolve("store.db");
        try (BackpackEmulator emulator = BackpackEmulator.start(EmulatorConfig.defaults().withAccounts(List.of(new AccountSpec("acme", "demo")))
                .withRateLimit(null))) {
            BackpackEmulator.HostedAccount account = emulator.account("acme");
            Path token = Files.writeString(dir.resolve("token"), account.token() + "\n");
            assertThat(BackupCli.inProcess("backup", "--account", account.baseUrl(), "--token-file", token.toString(), "--db",
                    store.toString(), "--progress", "none").exitCode()).isZero();
        }
    }

    @Test
    void aGoodSnapshotRestoresAndTheStoreIsOnlyRead() throws Exception {
        byte[] before = Files.readAllBytes(store);

        CommandRun run = CommandRun.run("verify", "--db", store.toString(), "--restore-test").succeeds();

        assertThat(run.out()).contains("OK: snapshot 1 restores: restored into an empty emulator account and backed up again, its 10 pages are equal");
        assertThat(Files.readAllBytes(store)).as("the store under test is only read").isEqualTo(before);
    }

    @Test
    void aSnapshotThatDoesNotRestoreFailsWithExit4NamingWhatDiffers() throws Exception {
        Path damaged = Files.copy(store, dir.resolve("damaged.db"));
        // a tag renamed to what no tags/tag request can say (a double quote in a name), its hash made to match: every check of
        // verify passes, but no restore can bring the tag back as it is
        try (Connection connection = DriverManager.getConnection(StoreFile.jdbcUrl(damaged));
             PreparedStatement select = connection.prepareStatement("SELECT id, record_id, page_id, position FROM versions WHERE kind = 'tag' LIMIT 1");
             ResultSet row = select.executeQuery()) {
            assertThat(row.next()).isTrue();
            RecordVersion odd = new RecordVersion(RecordKind.TAG, row.getLong("record_id"), row.getLong("page_id"), null, row.getInt("position"),
                    null, "Odd\"Name", null, null, null);
            try (PreparedStatement update = connection.prepareStatement("UPDATE versions SET name = 'Odd\"Name', hash = ? WHERE id = ?")) {
                update.setBytes(1, odd.hash());
                update.setLong(2, row.getLong("id"));
                assertThat(update.executeUpdate()).isEqualTo(1);
            }
        }
        assertThat(CommandRun.run("verify", "--db", damaged.toString()).exitCode()).as("the damage is invisible to the hashes").isZero();

        CommandRun run = CommandRun.run("verify", "--db", damaged.toString(), "--restore-test").failsWith(4, "restore test of snapshot 1");

        assertThat(run.out()).containsPattern("page '.*': 1 in snapshot \\d+, 0 in snapshot \\d+");
    }
}
