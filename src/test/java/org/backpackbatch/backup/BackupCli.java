package org.backpackbatch.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.backpackbatch.cli.BackpackBatch;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs the program as a user does: through its entry point in this JVM, or as a separate
 * {@code java -cp} process on the test class path that can be killed like any other.
 */
public final class BackupCli {

    private static final Pattern REQUESTS_LINE = Pattern.compile("(?m)^\\s+(\\d+) requests? in ");
    /** The test JVM's own options (pom.xml's test.jvm: C1 only, the serial collector), which its forks run with too. */
    public static final List<String> TEST_JVM_OPTIONS = List.of(System.getProperty("test.jvm", "").split(" +")).stream()
            .filter(option -> !option.isEmpty()).toList();

    /** What one run wrote and returned. */
    public record Run(int exitCode, String out, String err) {

        /** The lines of stderr that report an error. */
        public List<String> errorLines() {
            return err.lines().filter(line -> line.startsWith("error: ")).toList();
        }

        /** The request count of the summary a successful backup prints. */
        public long requests() {
            Matcher matcher = REQUESTS_LINE.matcher(out);
            assertThat(matcher.find()).as("a requests line in: %s", out).isTrue();
            return Long.parseLong(matcher.group(1));
        }

        /** Fails unless the run printed nothing that holds the token. */
        public Run assertNoToken(String token) {
            assertThat(out).as("stdout").doesNotContain(token);
            assertThat(err).as("stderr").doesNotContain(token);
            return this;
        }
    }

    private BackupCli() {
    }

    public static Run inProcess(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> BackpackBatch.execute(new PrintWriter(out, true), new PrintWriter(err, true), args));
        return new Run(exitCode, out.toString(), err.toString());
    }

    /** Starts {@code java [test JVM options] [jvmOptions] -cp CLASSPATH BackpackBatch args}, its output in files under {@code dir}. */
    public static Forked fork(Path dir, List<String> jvmOptions, String... args) {
        return fork(dir, jvmOptions, Map.of(), args);
    }

    /** As {@link #fork(Path, List, String...)}, with these variables added to its environment. */
    public static Forked fork(Path dir, List<String> jvmOptions, Map<String, String> environment, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(TEST_JVM_OPTIONS);
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), BackpackBatch.class.getName()));
        command.addAll(List.of(args));
        try {
            Path out = Files.createTempFile(dir, "stdout", ".txt");
            Path err = Files.createTempFile(dir, "stderr", ".txt");
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().remove("BACKPACK_TOKEN");
            builder.environment().putAll(environment);
            return new Forked(builder.start(), out, err);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A program running as a process of its own. */
    public static final class Forked implements AutoCloseable {

        private final Process process;
        private final Path out;
        private final Path err;

        private Forked(Process process, Path out, Path err) {
            this.process = process;
            this.out = out;
            this.err = err;
        }

        /** Waits until stderr matches, failing when the process ends first or the time is up. */
        public void awaitErr(Pattern pattern, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!pattern.matcher(read(err)).find()) {
                assertThat(process.isAlive()).as("the process still runs; its stderr: %s", read(err)).isTrue();
                assertThat(System.nanoTime()).as("waited %s for /%s/ in stderr: %s", timeout, pattern, read(err)).isLessThan(deadline);
                Thread.sleep(10);
            }
        }

        /** What the process has written to stderr so far. */
        public String err() {
            return read(err);
        }

        /** Kills the process as kill -9 does: no shutdown hook, no finally block, no flush. */
        public Run kill() throws InterruptedException {
            process.destroyForcibly();
            assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("the killed process ended").isTrue();
            return new Run(process.exitValue(), read(out), read(err));
        }

        /** Asks the process to stop as SIGTERM does (a daemon's graceful stop) and waits for it. */
        public Run terminate(Duration timeout) throws InterruptedException {
            process.destroy();
            return await(timeout);
        }

        /** Sends SIGINT, as Ctrl-C does, and waits for the process to end. */
        public Run interrupt(Duration timeout) throws InterruptedException, IOException {
            // a JVM keeps ignoring SIGINT when it started with it ignored (a background job of a non-interactive shell)
            String status = Files.readString(Path.of("/proc", Long.toString(process.pid()), "status"));
            Matcher ignored = Pattern.compile("(?m)^SigIgn:\\s*(\\p{XDigit}+)$").matcher(status);
            Assumptions.assumeFalse(ignored.find() && (Long.parseLong(ignored.group(1), 16) & 0b10) != 0,
                    "SIGINT is ignored by the process (inherited from whatever started the tests)");
            Process kill = new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).inheritIO().start();
            assertThat(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0).as("kill -INT sent").isTrue();
            return await(timeout);
        }

        public Run await(Duration timeout) throws InterruptedException {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("the process did not end within " + timeout + "; its stderr: " + read(err));
            }
            return new Run(process.exitValue(), read(out), read(err));
        }

        @Override
        public void close() {
            process.destroyForcibly();
        }

        private static String read(Path file) {
            try {
                return Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
