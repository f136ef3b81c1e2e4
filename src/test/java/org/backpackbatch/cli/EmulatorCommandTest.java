package org.backpackbatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code emulator} command as a user and a script meet it: its output lines, its exit codes, its errors. */
class EmulatorCommandTest {

    private static final Pattern ACCOUNT_LINE = Pattern.compile("^account (acme|b) (http://127\\.0\\.0\\.1:\\d+/(acme|b)) ([0-9a-f]{40})$");
    private static final String END_OF_OUTPUT = "\u0000end";

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

    private static Matcher accountLine(String line) {
        Matcher matcher = ACCOUNT_LINE.matcher(line);
        assertThat(matcher.matches()).as(line).isTrue();
        return matcher;
    }

    private static void assertOneErrorLineWithoutStackTrace(Run run, String mentioning) {
        assertThat(run.errLines()).filteredOn(line -> line.startsWith("error: ")).singleElement().asString().contains(mentioning);
        assertThat(run.err()).doesNotContain("\tat ", "Exception");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void printsOneLinePerAccountThatScriptsCanUseThenServesThem(@TempDir Path dir) throws Exception {
        Path stderr = dir.resolve("stderr");
        Process emulator = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), BackpackBatch.class.getName(),
                "emulator", "--port", "0", "--accounts", "acme,b:empty")
                .redirectError(stderr.toFile())
                .start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(emulator.getInputStream(), StandardCharsets.UTF_8))) {
                out.lines().forEach(lines::add);
            } catch (IOException e) {
                lines.add("read failed: " + e);
            }
            lines.add(END_OF_OUTPUT);
        }, "emulator-stdout");
        reader.start();
        try {
            List<String> output = new ArrayList<>();
            while (output.size() < 2) {
                String line = lines.poll(20, TimeUnit.SECONDS);
                assertThat(line).as("a line from the emulator; its stderr: %s", Files.readString(stderr))
                        .isNotNull().isNotEqualTo(END_OF_OUTPUT);
                output.add(line);
            }

            List<Matcher> accounts = output.stream().map(EmulatorCommandTest::accountLine).toList();
            assertThat(accounts).extracting(account -> account.group(1)).containsExactly("acme", "b");
            assertThat(accounts).allMatch(account -> account.group(1).equals(account.group(3)), "the URL ends in the account's name");
            assertThat(accounts.get(0).group(4)).isNotEqualTo(accounts.get(1).group(4));

            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            List<String> answers = new ArrayList<>();
            for (Matcher account : accounts) {
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(account.group(2) + "/ws/pages/all"))
                        .header("Content-Type", "application/xml")
                        .POST(HttpRequest.BodyPublishers.ofString("<request><token>" + account.group(4) + "</token></request>"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertThat(answer.statusCode()).as(account.group(0)).isEqualTo(200);
                answers.add(answer.body());
            }
            assertThat(answers.get(0)).as("acme has the demo pages").contains("<page ");
            assertThat(answers.get(1)).as("b is empty").doesNotContain("<page ");
        } finally {
            emulator.destroy();
            assertThat(emulator.waitFor(20, TimeUnit.SECONDS)).as("the emulator stops when asked").isTrue();
            reader.join(TimeUnit.SECONDS.toMillis(5));
        }
        List<String> rest = new ArrayList<>();
        lines.drainTo(rest);
        assertThat(rest).as("nothing but the account lines on stdout").containsExactly(END_OF_OUTPUT);
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
