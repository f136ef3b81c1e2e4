package org.backpackbatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code emulator} command as a user meets it: its exit codes and its errors (its output lines as a script reads them: {@link EmulatorCommandIT}). */
class EmulatorCommandTest {

    /** What one in-process run of the program wrote and returned. */
    private record Run(int exitCode, String out, String err) {
        List<String> errLines() {
            return err.lines().toList();
        }
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        // a command that wrongly starts the emulator would block: fail instead of hanging the build
        int exitCode = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> BackpackBatch.execute(new PrintWriter(out, true), new PrintWriter(err, true), args));
        return new Run(exitCode, out.toString(), err.toString());
    }

    private static void assertOneErrorLineWithoutStackTrace(Run run, String mentioning) {
        assertThat(run.errLines()).filteredOn(line -> line.startsWith("error: ")).singleElement().asString().contains(mentioning);
        assertThat(run.err()).doesNotContain("\tat ", "Exception");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void refusesABadRateLimitWithExit2AndOneErrorLine() {
        Run run = run("emulator", "--port", "0", "--rate-limit", "nonsense");

        assertThat(run.exitCode()).isEqualTo(2);
        assertOneErrorLineWithoutStackTrace(run, "nonsense");
    }

    @Test
    void refusesABadRateLimitThroughTheConsoleEntryPointToo() {
        assertThat(assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> BackpackBatch.execute("emulator", "--port", "0", "--rate-limit", "nonsense"))).isEqualTo(2);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--latency-ms 5-2              | latency",
            "--latency-ms fast             | fast",
            "--calendar-rate-limit 10      | '10'",
            "--rate-limit 0/5s             | rate limit",
            "--rate-limit 99999999999/5s   | 99999999999",
            "--accounts A                  | 'A'",
            "--accounts a:nonsense         | nonsense",
            "--accounts a,a                | named twice",
            "--seed lots                   | lots",
            "--fault-rate 2                | fault rate",
            "--port 70000                  | 70000",
            "--port -1                     | -1",
            "--frobnicate                  | --frobnicate",
            "--port                        | --port"})
    void refusesBadOptionsWithExit2(String options, String mentioning) {
        List<String> args = new ArrayList<>(List.of("emulator"));
        if (!options.startsWith("--port")) {
            args.addAll(List.of("--port", "0"));
        }
        args.addAll(List.of(options.split(" ")));

        Run run = run(args.toArray(String[]::new));

        assertThat(run.exitCode()).as(options).isEqualTo(2);
        assertOneErrorLineWithoutStackTrace(run, mentioning);
    }

    @Test
    void refusesAnUnknownCommandOrProgramOptionWithExit2() {
        assertThat(run("frobnicate").exitCode()).isEqualTo(2);
        Run unknownOption = run("--frobnicate");
        assertThat(unknownOption.exitCode()).isEqualTo(2);
        assertOneErrorLineWithoutStackTrace(unknownOption, "--frobnicate");
    }

    @Test
    void helpPrintsUsageAndExits0() {
        Run program = run("--help");
        assertThat(program.exitCode()).isZero();
        assertThat(program.out()).contains("Usage: backpack-batch", "emulator");
        assertThat(program.err()).isEmpty();

        Run command = run("emulator", "--help");
        assertThat(command.exitCode()).isZero();
        assertThat(command.out()).contains("Usage: backpack-batch emulator", "account NAME URL TOKEN", "--port", "--bind", "--accounts",
                "--seed", "--seed-value", "--rate-limit", "--calendar-rate-limit", "--latency-ms", "--fault-rate", "--require-ssl");
        assertThat(command.err()).isEmpty();
    }

    @Test
    void versionPrintsTheBuiltVersionAndExits0() {
        for (String[] args : List.of(new String[] {"--version"}, new String[] {"emulator", "--version"})) {
            Run run = run(args);

            assertThat(run.exitCode()).as(String.join(" ", args)).isZero();
            assertThat(run.out().strip()).as(String.join(" ", args)).matches("backpack-batch \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
            assertThat(run.out()).isEqualTo("backpack-batch " + org.backpackbatch.Version.current() + System.lineSeparator());
        }
    }
}
