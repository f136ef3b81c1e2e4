package org.backpackbatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.backpackbatch.api.AccountUrl;
import org.backpackbatch.api.ApiToken;
import org.backpackbatch.api.BackpackClient;
import org.backpackbatch.api.ClientSettings;
import org.backpackbatch.api.model.PageSummary;
import org.backpackbatch.emulator.BackpackEmulator;
import org.backpackbatch.emulator.EmulatorConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An account emptied through the API (all but one of its pages destroyed) is backed up: the
 * snapshot is marked suspect with a warning, {@code snapshots} shows it, and {@code forget
 * --keep-last 1} keeps the last good snapshot instead of counting the suspect one. An archive of
 * that snapshot imported after a good one is suspect the same way.
 */
class SuspectSnapshotTest {

    @TempDir
    Path dir;

    @Test
    void aBackupOfAnEmptiedAccountIsSuspectAndForgetKeepsTheLastGoodSnapshot() throws Exception {
        Path store = dir.resolve("store.db");
        try (BackpackEmulator emulator = BackpackEmulator.start(EmulatorConfig.defaults().withRateLimit(null))) {
            BackpackEmulator.HostedAccount account = emulator.account("acme");
            Path tokenFile = Files.writeString(dir.resolve("token"), account.token() + "\n");
            String[] backup = {"backup", "--account", account.baseUrl(), "--db", store.toString(), "--token-file", tokenFile.toString(),
                    "--rate", "off", "--progress", "none"};
            CommandRun first = CommandRun.run(backup).succeeds();
            CommandRun second = CommandRun.run(backup).succeeds();
            assertThat(first.err() + second.err()).doesNotContain("warning:");

            try (BackpackClient client = new BackpackClient(AccountUrl.parse(account.baseUrl()), ApiToken.of(account.token()),
                    ClientSettings.defaults().withRate(null))) {
                List<PageSummary> pages = client.pages();
                pages.subList(1, pages.size()).forEach(page -> client.destroyPage(page.id()));
            }
            CommandRun emptied = CommandRun.run(backup).succeeds();

            assertThat(emptied.out()).startsWith("snapshot 3 of " + account.baseUrl() + " complete").contains("  1 pages,");
            assertThat(emptied.err().lines().filter(line -> line.startsWith("warning: ")).toList()).singleElement().asString()
                    .startsWith("warning: snapshot 3 removed ").contains("of snapshot 2 (pages: 10 before, 1 now)", "suspect",
                            "forget does not count it toward --keep-*");

            List<String> table = CommandRun.run("snapshots", "--db", store.toString()).succeeds().outLines();
            assertThat(table.get(0).split(" +")).contains("SUSPECT");
            int suspectColumn = List.of(table.get(0).split(" +")).indexOf("SUSPECT");
            assertThat(table.subList(1, 4)).extracting(line -> line.strip().split(" +")[suspectColumn]).containsExactly("-", "-", "yes");
            ObjectMapper json = new ObjectMapper();
            List<JsonNode> objects = CommandRun.run("snapshots", "--db", store.toString(), "--json").succeeds().outLines().stream()
                    .map(line -> read(json, line)).toList();
            assertThat(objects).extracting(object -> object.get("suspect").asBoolean()).containsExactly(false, false, true);

            CommandRun forget = CommandRun.run("forget", "--db", store.toString(), "--keep-last", "1").succeeds();
            assertThat(forget.outLines()).anySatisfy(line -> assertThat(line).matches("  keep +2 .*  last, newest not suspect"))
                    .anySatisfy(line -> assertThat(line).matches("  keep +3 .*  latest"))
                    .anySatisfy(line -> assertThat(line).startsWith("  remove 1 "));
            assertThat(CommandRun.run("snapshots", "--db", store.toString(), "--json").succeeds().outLines())
                    .extracting(line -> read(json, line).get("id").asLong()).containsExactly(2L, 3L);
            CommandRun.run("verify", "--db", store.toString()).succeeds();
        }

        Path good = dir.resolve("good.xml");
        Path emptied = dir.resolve("emptied.xml");
        CommandRun.run("export", "--db", store.toString(), "--snapshot", "2", "--format", "xml", "--out", good.toString()).succeeds();
        CommandRun.run("export", "--db", store.toString(), "--snapshot", "3", "--format", "xml", "--out", emptied.toString()).succeeds();
        Path imports = dir.resolve("imports.db");
        assertThat(CommandRun.run("import", "--db", imports.toString(), "--xml", good.toString()).succeeds().err()).doesNotContain("warning:");
        CommandRun importedEmptied = CommandRun.run("import", "--db", imports.toString(), "--xml", emptied.toString()).succeeds();
        assertThat(importedEmptied.err()).startsWith("warning: snapshot 2 removed ").contains("marked suspect");
        assertThat(CommandRun.run("snapshots", "--db", imports.toString(), "--json").succeeds().outLines().get(1)).contains("\"suspect\":true");
    }

    private static JsonNode read(ObjectMapper json, String line) {
        try {
            return json.readTree(line);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }
}
