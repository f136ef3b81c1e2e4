package org.backpackbatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
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

/** The {@code emulator} command in a process of its own, as a script starts it: its output lines, then it serves them. */
class EmulatorCommandIT {

    private static final Pattern ACCOUNT_LINE = Pattern.compile("^account (acme|b) (http://127\\.0\\.0\\.1:\\d+/(acme|b)) ([0-9a-f]{40})$");
    private static final String END_OF_OUTPUT = "\u0000end";

    private static Matcher accountLine(String line) {
        Matcher matcher = ACCOUNT_LINE.matcher(line);
        assertThat(matcher.matches()).as(line).isTrue();
        return matcher;
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

            List<Matcher> accounts = output.stream().map(EmulatorCommandIT::accountLine).toList();
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
}
