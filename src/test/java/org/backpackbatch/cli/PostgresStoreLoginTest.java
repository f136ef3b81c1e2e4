package org.backpackbatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.backpackbatch.backup.BackupCli;
import org.backpackbatch.emulator.AccountSpec;
import org.backpackbatch.emulator.BackpackEmulator;
import org.backpackbatch.emulator.EmulatorConfig;
import org.backpackbatch.store.PostgresServer;
import org.backpackbatch.store.StoreLocation;
import org.backpackbatch.store.TestStore;
import org.backpackbatch.store.Dialect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every command against a PostgreSQL store whose server asks a password, as a production one does:
 * the password comes from --db-password-file or $BACKPACK_DB_PASSWORD and from nowhere else, a URL
 * that carries one is refused before anything connects, and no output ever shows it.
 */
class PostgresStoreLoginTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"backup", "snapshots", "diff", "verify", "forget", "export", "import", "restore", "report"})
    void aUrlThatCarriesAPasswordIsRefusedWithExit2AndOneLineThatDoesNotRepeatIt(String command) {
        String password = "hunter2-in-the-url";
        for (String url : List.of("jdbc:postgresql://127.0.0.1:5432/backups?user=backup&password=" + password,
                "jdbc:postgresql://backup:" + password + "@127.0.0.1:5432/backups")) {
            CommandRun run = CommandRun.run(command, "--db", url).failsWith(2, "the --db URL carries a password");

            assertThat(run.out() + run.err()).doesNotContain(password);
        }
    }

    @Test
    void everyCommandWorksWithThePasswordFromItsFileAndNoOutputShowsIt() throws Exception {
        PostgresServer.Login login = PostgresServer.shared().createLogin();
        Path passwordFile = Files.writeString(dir.resolve("db-password"), login.password() + "\n");
        try (BackpackEmulator emulator = BackpackEmulator.start(EmulatorConfig.defaults().withRateLimit(null)
                .withAccounts(List.of(new AccountSpec("src", "5"), new AccountSpec("dst", "empty"))))) {
            BackpackEmulator.HostedAccount source = emulator.account("src");
            Path tokenFile = Files.writeString(dir.resolve("token"), source.token() + "\n");
            Path targetTokenFile = Files.writeString(dir.resolve("target-token"), emulator.account("dst").token() + "\n");
            Path archive = dir.resolve("archive.xml");
            List<String[]> commands = List.of(
                    new String[] {"backup", "--account", source.baseUrl(), "--token-file", tokenFile.toString(), "--progress", "none"},
                    new String[] {"backup", "--account", source.baseUrl(), "--token-file", tokenFile.toString(), "--progress", "none"},
                    new String[] {"snapshots"},
                    new String[] {"diff"},
                    new String[] {"verify"},
                    new String[] {"export", "--format", "xml", "--out", archive.toString()},
                    new String[] {"export", "--format", "sqlite", "--out", dir.resolve("export.db").toString()},
                    new String[] {"import", "--xml", archive.toString()},
                    new String[] {"restore", "--account", emulator.account("dst").baseUrl(), "--target-token-file",
                            targetTokenFile.toString(), "--snapshot", "1", "--rate", "off"},
                    new String[] {"report", "--out", dir.resolve("report.html").toString()},
                    new String[] {"forget", "--keep-last", "1"});
            for (String[] command : commands) {
                String[] args = new String[command.length + 4];
                System.arraycopy(command, 0, args, 0, command.length);
                System.arraycopy(new String[] {"--db", login.url(), "--db-password-file", passwordFile.toString()}, 0, args,
                        command.length, 4);
                CommandRun run = CommandRun.run(args);

                assertThat(run.exitCode()).as("%s: %s", command[0], run.err()).isZero();
                assertThat(run.out() + run.err()).as(command[0]).doesNotContain(login.password());
            }
            TestStore store = new TestStore(Dialect.POSTGRESQL, StoreLocation.parse(PostgresServer.shared().jdbcUrl(
                    login.url().substring(login.url().lastIndexOf('/') + 1, login.url().indexOf('?')))));
            assertThat(store.count("SELECT count(*) FROM snapshots")).as("two backups and an import of one account, after forget --keep-last 1")
                    .isEqualTo(1);
            assertThat(store.holds(login.password())).as("the password in the store").isFalse();
            assertThat(store.holds(source.token())).as("the token in the store").isFalse();
        }

        CommandRun wrong = CommandRun.run("snapshots", "--db", login.url(), "--db-password-file",
                Files.writeString(dir.resolve("wrong"), "not-" + login.password()).toString())
                .failsWith(2, "the password is wrong");
        assertThat(wrong.out() + wrong.err()).doesNotContain(login.password());
        CommandRun.run("snapshots", "--db", login.url()).failsWith(2, "give the password in $BACKPACK_DB_PASSWORD or a file named by --db-password-file");
    }

    @Test
    void thePasswordComesFromTheEnvironmentWhenNoFileIsGiven() throws Exception {
        PostgresServer.Login login = PostgresServer.shared().createLogin();
        try (BackupCli.Forked snapshots = BackupCli.fork(dir, List.of(), Map.of("BACKPACK_DB_PASSWORD", login.password()),
                "snapshots", "--db", login.url())) {
            BackupCli.Run run = snapshots.await(Duration.ofSeconds(60));

            // past the login: the database is empty, which is the answer of a server that let it in
            assertThat(run.errorLines()).singleElement().asString().contains("no store in " + login.url() + " yet");
            assertThat(run.out() + run.err()).doesNotContain(login.password());
        }
    }
}
