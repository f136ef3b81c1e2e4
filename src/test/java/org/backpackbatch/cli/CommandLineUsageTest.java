package org.backpackbatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import org.backpackbatch.app.Application;

/** What a newcomer meets first: help, a mistyped option, the help command, --verbose. */
class CommandLineUsageTest {

    @Test
    void everyCommandsHelpExitsZeroShowsVerboseAndWritesNothingToStderr() {
        List<String> commands = new ArrayList<>(BackpackBatch.commandLine(Application.ofProcess()).getSubcommands().keySet());
        assertThat(commands).contains("backup", "restore", "help");
        for (String command : commands) {
            HelpRun run = help(command, "--help");
            assertThat(run.exitCode()).as("%s --help exit code", command).isZero();
            assertThat(run.out()).as("%s --help", command).contains("Usage: backpack-batch " + command, "--verbose");
            assertThat(run.err()).as("%s --help on stderr (picocli warns there, e.g. of an unescaped %%)", command).isEmpty();
        }
        HelpRun program = help("--help");
        assertThat(program.exitCode()).isZero();
        assertThat(program.out()).startsWith("Usage: backpack-batch").contains("--verbose", "130 / 143");
        assertThat(program.err()).isEmpty();
    }

    @Test
    void theHelpCommandShowsTheUsageOfACommand() {
        HelpRun run = help("help", "backup");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("Usage: backpack-batch backup").contains("--account", "--verbose");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void aMistypedOptionIsNamedWithASuggestionNotReportedAsAMissingOne(@TempDir Path dir) {
        CommandRun run = CommandRun.run("backup", "--acount", "http://127.0.0.1:1/acme", "--db", dir.resolve("store.db").toString());

        run.failsWith(2, "unknown option '--acount'");
        assertThat(run.err()).contains("error: unknown option '--acount'; did you mean --account?")
                .doesNotContainIgnoringCase("missing");
        assertThat(dir.resolve("store.db")).doesNotExist();
    }

    @Test
    void verboseOnAnyCommandAddsTheStackTraceOfAFailure(@TempDir Path dir) {
        String missing = dir.resolve("no-such-dir").resolve("store.db").toString();
        CommandRun plain = CommandRun.run("snapshots", "--db", missing);
        CommandRun after = CommandRun.run("snapshots", "--db", missing, "--verbose");
        CommandRun before = CommandRun.run("--verbose", "snapshots", "--db", missing);

        assertThat(plain.exitCode()).isEqualTo(2);
        assertThat(plain.err()).doesNotContain("\tat ");
        for (CommandRun verbose : List.of(after, before)) {
            assertThat(verbose.exitCode()).as(verbose.err()).isEqualTo(2);
            assertThat(verbose.err()).startsWith(plain.err().lines().findFirst().orElseThrow()).contains("\tat org.backpackbatch.");
        }
    }

    /** A run that also catches what goes to System.err outside the program's own writer (picocli's warnings). */
    private record HelpRun(int exitCode, String out, String err) {
    }

    private static HelpRun help(String... args) {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream original = System.err;
        CommandRun run;
        System.setErr(new PrintStream(console, true, StandardCharsets.UTF_8));
        try {
            run = CommandRun.run(args);
        } finally {
            System.setErr(original);
        }
        return new HelpRun(run.exitCode(), run.out(), run.err() + console.toString(StandardCharsets.UTF_8));
    }
}
