package org.backpackbatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.backpackbatch.emulator.AccountSpec;
import org.junit.jupiter.api.Test;

/**
 * The README's shell examples are one sequence pasted after its emulator command: every account
 * they reach, and every token file they read, is one that command creates; every URL its job-file
 * example rewrites is in the shipped job files.
 */
class ReadmeExamplesTest {

    private static final Pattern SHELL_BLOCK = Pattern.compile("(?s)```sh\n(.*?)```");
    private static final Pattern EMULATOR = Pattern.compile("backpack-batch\\.jar emulator --port (\\d+) --accounts (\\S+)");
    private static final Pattern ACCOUNT_URL = Pattern.compile("http://127\\.0\\.0\\.1:(\\d+)/([a-z0-9-]+)");
    private static final Pattern TOKEN_FILE = Pattern.compile("(?<![\\w/-])([a-z0-9-]+)\\.token\\b");
    private static final Pattern REWRITTEN_URL = Pattern.compile("s\\|(https://[^|]+)\\|");

    @Test
    void everyShellExampleUsesTheAccountsOfTheEmulatorCommand() throws IOException {
        String shell = String.join("\n", shellBlocks(Files.readString(Path.of("README.md"))));
        Matcher emulator = EMULATOR.matcher(shell);
        assertThat(emulator.find()).as("the README starts the emulator in a shell example").isTrue();
        String port = emulator.group(1);
        List<String> accounts = AccountSpec.parseList(emulator.group(2)).stream().map(AccountSpec::name).toList();

        Matcher url = ACCOUNT_URL.matcher(shell);
        int urls = 0;
        while (url.find()) {
            urls++;
            assertThat(url.group(1)).as("the port of %s", url.group()).isEqualTo(port);
            assertThat(accounts).as("the account of %s", url.group()).contains(url.group(2));
        }
        assertThat(urls).as("URLs of the emulator's accounts in the examples").isPositive();
        Matcher token = TOKEN_FILE.matcher(shell);
        while (token.find()) {
            assertThat(accounts).as("the account of the token file %s", token.group()).contains(token.group(1));
        }

        String shipped;
        try (Stream<Path> files = Files.list(Path.of("jobs"))) {
            List<String> texts = new ArrayList<>();
            for (Path file : files.filter(f -> f.toString().endsWith(".yml")).toList()) {
                texts.add(Files.readString(file));
            }
            shipped = String.join("\n", texts);
        }
        Matcher rewritten = REWRITTEN_URL.matcher(shell);
        while (rewritten.find()) {
            assertThat(shipped).as("the shipped job files name %s", rewritten.group(1)).contains(rewritten.group(1) + "\n");
        }
    }

    private static List<String> shellBlocks(String readme) {
        List<String> blocks = new ArrayList<>();
        Matcher block = SHELL_BLOCK.matcher(readme);
        while (block.find()) {
            blocks.add(block.group(1));
        }
        return blocks;
    }
}
