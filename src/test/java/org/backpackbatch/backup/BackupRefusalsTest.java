package org.backpackbatch.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import org.backpackbatch.emulator.AccountSpec;
import org.backpackbatch.emulator.BackpackEmulator;
import org.backpackbatch.emulator.EmulatorConfig;
import org.backpackbatch.store.Store;
import org.backpackbatch.store.Include;
import org.backpackbatch.store.StoreFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the backup command refuses before it does any harm, with the exit codes of cli.md: a
 * file that is not a store, a store it cannot write, a bad URL, no token at all (a token the
 * server refuses: {@link BackupRefusalsIT}), a store that refuses a write. Each refusal is one clear line and
 * leaves the files as they were.
 */
class BackupRefusalsTest {

    @TempDir
    Path dir;

    private BackpackEmulator emulator;
    private BackpackEmulator.HostedAccount account;
    private Path tokenFile;
    private Path store;

    @BeforeEach
    void start() throws Exception {
        emulator = BackpackEmulator.start(EmulatorConfig.defaults()
                .withAccounts(List.of(new AccountSpec("src", "20"))).withRateLimit(null));
        account = emulator.account("src");
        tokenFile = Files.writeString(dir.resolve("token"), account.token() + "\n");
        store = dir.resolve("store.db");
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    @Test
    void aFileThatIsNotAStoreIsLeftAloneWithExit2() throws Exception {
        Path notes = Files.writeString(dir.resolve("notes.db"), "my shopping list\nmilk\nbread\n");
        byte[] before = Files.readAllBytes(notes);

        BackupCli.Run run = BackupCli.inProcess(backup(account.baseUrl(), notes, "--token-file", tokenFile.toString()));

        assertThat(run.exitCode()).isEqualTo(2);
        assertOneErrorLine(run, notes + " is not a backpack-batch store (not an SQLite file)");
        assertThat(Files.readAllBytes(notes)).as("the file, unchanged").isEqualTo(before);
        assertThat(dir.resolve("notes.db-wal")).doesNotExist();
        assertThat(dir.resolve("notes.db-shm")).doesNotExist();
        run.assertNoToken(account.token());
    }

    @SuppressWarnings("try") // the resource is held for the scope, not used in it
    @Test
    void aReadOnlyStoreIsRefusedWithExit2AndItsSnapshotsStayIntact() throws Exception {
        BackupCli.Run first = BackupCli.inProcess(backup(account.baseUrl(), store, "--token-file", tokenFile.toString()));
        assertThat(first.exitCode()).as(first.err()).isZero();
        byte[] before = Files.readAllBytes(store);

        BackupCli.Run run;
        try (ReadOnly readOnly = ReadOnly.make(store)) {
            run = BackupCli.inProcess(backup(account.baseUrl(), store, "--token-file", tokenFile.toString()));
        }

        assertThat(run.exitCode()).isEqualTo(2);
        assertOneErrorLine(run, "the store " + store + " is read-only; this command needs to write to it");
        assertThat(Files.readAllBytes(store)).as("the store, unchanged").isEqualTo(before);
        try (Store session = Store.open(store, Store.Access.READ)) {
            assertThat(session.snapshots().snapshots(null)).singleElement().satisfies(s -> assertThat(s.complete()).isTrue());
            assertThat(SnapshotContents.pages(session.snapshots(), 1)).isEqualTo(AccountContents.of(account.data(), Include.ALL));
        }
        first.assertNoToken(account.token());
        run.assertNoToken(account.token());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://x", "not a url", "http://", "https://acme.backpackit.com?token=x"})
    void aBadAccountUrlExits2BeforeAnythingIsCreated(String url) {
        BackupCli.Run run = BackupCli.inProcess(backup(url, store, "--token-file", tokenFile.toString()));

        assertThat(run.exitCode()).isEqualTo(2);
        assertOneErrorLine(run, "account URL");
        assertThat(store).doesNotExist();
        assertThat(dir.resolve("store.db.lock")).doesNotExist();
    }

    @Test
    void noTokenExits2BeforeAnythingIsCreated() {
        assumeTrue(System.getenv("BACKPACK_TOKEN") == null, "BACKPACK_TOKEN is set in this environment");

        BackupCli.Run run = BackupCli.inProcess(backup(account.baseUrl(), store));

        assertThat(run.exitCode()).isEqualTo(2);
        assertOneErrorLine(run, "no token: give --token-file FILE or set BACKPACK_TOKEN");
        assertThat(store).doesNotExist();
    }

    @Test
    void aStoreThatRefusesAWriteIsOneLineInTheDatabasesWordsWithExit1() throws Exception {
        Store.open(store, Store.Access.CREATE).close();
        try (Connection connection = DriverManager.getConnection(StoreFile.jdbcUrl(store));
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TRIGGER no_new_accounts BEFORE INSERT ON accounts BEGIN SELECT RAISE(ABORT, 'no new accounts'); END");
        }

        BackupCli.Run run = BackupCli.inProcess(backup(account.baseUrl(), store, "--token-file", tokenFile.toString()));

        assertThat(run.exitCode()).isEqualTo(1);
        assertOneErrorLine(run, "error: the snapshot store failed: [SQLITE_CONSTRAINT_TRIGGER]");
        assertThat(run.err()).contains("(no new accounts)").doesNotContain("INSERT", "SQL [");
        try (Store session = Store.open(store, Store.Access.READ)) {
            assertThat(session.snapshots().snapshots(null)).isEmpty();
        }
        run.assertNoToken(account.token());
    }

    static String[] backup(String url, Path storeFile, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("backup", "--account", url, "--db", storeFile.toString(),
                "--rate", "off", "--progress", "none"));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    static void assertOneErrorLine(BackupCli.Run run, String mentioning) {
        assertThat(run.errorLines()).singleElement().asString().contains(mentioning);
        assertThat(run.err().lines()).as("stderr: the error line alone").hasSize(1);
        assertThat(run.out()).isEmpty();
    }

    /**
     * Makes a file read-only for this process: without write permission, and for root (whom
     * permissions do not stop) also immutable. Undone on close so that the temporary folder can go.
     */
    private record ReadOnly(Path file, Set<PosixFilePermission> permissions, boolean immutable) implements AutoCloseable {

        static ReadOnly make(Path file) throws IOException, InterruptedException {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--r--r--"));
            boolean immutable = false;
            if (Files.isWritable(file)) {
                immutable = chattr("+i", file);
                if (!immutable || Files.isWritable(file)) {
                    Files.setPosixFilePermissions(file, permissions);
                    assumeTrue(false, "cannot make a file read-only for this user");
                }
            }
            return new ReadOnly(file, permissions, immutable);
        }

        @Override
        public void close() throws IOException {
            if (immutable) {
                try {
                    chattr("-i", file);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while making " + file + " writable again", e);
                }
            }
            Files.setPosixFilePermissions(file, permissions);
        }

        private static boolean chattr(String change, Path file) throws IOException, InterruptedException {
            try {
                Process chattr = new ProcessBuilder("chattr", change, file.toString()).redirectErrorStream(true).start();
                chattr.getInputStream().readAllBytes();
                return chattr.waitFor() == 0;
            } catch (IOException e) {
                return false;
            }
        }
    }
}
