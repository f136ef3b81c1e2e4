package org.backpackbatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.backpackbatch.api.EventTitles;
import org.backpackbatch.backup.BackupCli;
import org.backpackbatch.emulator.AccountSpec;
import org.backpackbatch.emulator.BackpackEmulator;
import org.backpackbatch.emulator.EmulatorConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scripts read the output and the API reads what the client sends: numbers are written in ASCII
 * digits whatever the default locale, here Arabic (Egypt), whose own digits Java's formatter would
 * otherwise use.
 */
class AnyLocaleTest {

    /** Arabic-Indic and extended Arabic-Indic digits. */
    private static final String LOCAL_DIGITS = "[\\u0660-\\u0669\\u06F0-\\u06F9]";

    @TempDir
    static Path dir;

    private static Locale before;

    @BeforeAll
    static void arabic() {
        before = Locale.getDefault();
        Locale.setDefault(Locale.forLanguageTag("ar-EG"));
        assertThat(String.format("%d", 5)).as("the locale has digits of its own").matches(LOCAL_DIGITS);
    }

    @AfterAll
    static void restore() {
        Locale.setDefault(before);
    }

    @Test
    void anEventsTimeIsSentInAsciiDigits() {
        assertThat(EventTitles.dated("Dinner", "2008-01-02T19:05:00Z")).isEqualTo("1/2/2008 19:05 Dinner");
    }

    @Test
    void everyCommandPrintsItsNumbersInAsciiDigits() throws Exception {
        Path store = dir.resolve("store.db");
        List<String> printed = new ArrayList<>();
        try (BackpackEmulator emulator = BackpackEmulator.start(EmulatorConfig.defaults().withAccounts(List.of(new AccountSpec("acme", "demo")))
                .withRateLimit(null))) {
            BackpackEmulator.HostedAccount account = emulator.account("acme");
            Path token = Files.writeString(dir.resolve("token"), account.token() + "\n");
            for (int backup = 0; backup < 2; backup++) {
                BackupCli.Run run = BackupCli.inProcess("backup", "--account", account.baseUrl(), "--token-file", token.toString(), "--db",
                        store.toString(), "--progress", "none");
                assertThat(run.exitCode()).as(run.err()).isZero();
                printed.add(run.out());
            }
        }
        printed.add(CommandRun.run("diff", "--db", store.toString()).succeeds().out());
        printed.add(CommandRun.run("verify", "--db", store.toString()).succeeds().out());
        printed.add(CommandRun.run("forget", "--db", store.toString(), "--keep-last", "1", "--dry-run").succeeds().out());
        printed.add(CommandRun.run("snapshots", "--db", store.toString()).succeeds().out());

        String all = String.join("", printed);
        assertThat(all).doesNotContainPattern(LOCAL_DIGITS)
                .contains("snapshot 1 of ", "snapshot 2 of ", "10 pages, ", "snapshot 1 -> 2 of ", ": 0 added, 0 changed, 0 removed",
                        " versions match their hashes and ranges; 2 complete snapshots", "would remove 1 snapshot");
    }
}
