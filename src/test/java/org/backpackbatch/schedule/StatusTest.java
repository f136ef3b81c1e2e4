package org.backpackbatch.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.backpackbatch.app.Application;
import org.backpackbatch.app.RunObservers;
import org.backpackbatch.backup.BackupCli;
import org.backpackbatch.emulator.AccountSpec;
import org.backpackbatch.emulator.BackpackEmulator;
import org.backpackbatch.emulator.EmulatorConfig;
import org.backpackbatch.store.Dialect;
import org.backpackbatch.store.TestStore;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code status}: each account's last complete snapshot, last failure, run in progress and next start, on both stores. */
class StatusTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void statusTellsEachAccountsLastSnapshotFailureRunningNodeAndNextStart(Dialect dialect) throws Exception {
        TestStore store = TestStore.create(dialect, dir, "fleet.db");
        try (BackpackEmulator emulator = BackpackEmulator.start(EmulatorConfig.defaults().withRateLimit(null)
                .withAccounts(List.of(new AccountSpec("acme", "2"), new AccountSpec("globex", "2"))))) {
            String acme = emulator.account("acme").baseUrl();
            String globex = emulator.account("globex").baseUrl();
            Files.createDirectories(dir.resolve("tokens"));
            Files.writeString(dir.resolve("tokens/acme"), emulator.account("acme").token() + "\n");
            Files.writeString(dir.resolve("tokens/globex"), "0123456789abcdef0123456789abcdef01234567\n");
            Files.writeString(dir.resolve("accounts.csv"), "url,token_file\n" + acme + ",tokens/acme\n" + globex + ",tokens/globex\n");
            Path jobs = Files.createDirectories(dir.resolve("jobs"));
            Files.writeString(jobs.resolve("fleet.yml"), "type: backup\ncron: '0 0 2 * * ?'\naccounts: accounts.csv\ndb: " + store.db()
                    + "\nspread: 2h\nworkers: 2\n");
            Map<String, JobDefinition> loaded = JobFiles.load(jobs);
            // the daemon puts the schedule where status reads it: Quartz's tables of the cluster, or the store's schedule rows
            ScheduleDaemon daemon = ScheduleDaemon.of(loaded, Application.ofProcess(), RunObservers.NONE);
            daemon.start();
            daemon.stop(Duration.ofSeconds(10));
            Map<String, Instant> expectedStart = new HashMap<>();
            loaded.get("fleet").runs().forEach(run -> expectedStart.put(run.work().account(), run.nextStart(Instant.now())));

            assertThat(BackupCli.inProcess("schedule", "--jobs", jobs.toString(), "--once", "fleet").exitCode())
                    .as("globex's token is refused").isEqualTo(3);
            new ScheduleLedger(store.location()).acquire("fleet " + acme, acme, "node-b");

            BackupCli.Run json = BackupCli.inProcess("status", "--db", store.db(), "--json");
            assertThat(json.exitCode()).as(json.err()).isZero();
            Map<String, JsonNode> byAccount = new HashMap<>();
            for (String line : json.out().lines().toList()) {
                JsonNode node = JSON.readTree(line);
                byAccount.put(node.get("account").asText(), node);
            }
            assertThat(byAccount).containsOnlyKeys(acme, globex);
            JsonNode acmeStatus = byAccount.get(acme);
            assertThat(acmeStatus.get("last_complete").get("snapshot").asLong()).isPositive();
            assertThat(acmeStatus.get("last_failure").isNull()).isTrue();
            assertThat(acmeStatus.get("running").asBoolean()).isTrue();
            assertThat(acmeStatus.get("node").asText()).isEqualTo("node-b");
            assertThat(Instant.parse(acmeStatus.get("next_start").asText())).isEqualTo(expectedStart.get(acme));
            JsonNode globexStatus = byAccount.get(globex);
            assertThat(globexStatus.get("last_complete").isNull()).isTrue();
            assertThat(globexStatus.get("last_failure").get("status").asText()).isEqualTo("failed");
            assertThat(globexStatus.get("last_failure").get("error").asText()).isNotBlank();
            assertThat(globexStatus.get("running").asBoolean()).isFalse();
            assertThat(globexStatus.get("node").isNull()).isTrue();
            assertThat(Instant.parse(globexStatus.get("next_start").asText())).isEqualTo(expectedStart.get(globex));

            BackupCli.Run text = BackupCli.inProcess("status", "--db", store.db());
            assertThat(text.out().lines()).hasSize(2)
                    .anyMatch(line -> line.startsWith(acme + "  last complete: snapshot ") && line.contains("; running: on node-b; next start: "
                            + expectedStart.get(acme) + "; last failure: none"))
                    .anyMatch(line -> line.startsWith(globex + "  last complete: none; running: no; next start: " + expectedStart.get(globex)
                            + "; last failure: snapshot ") && line.contains(" failed at "));
        }
    }
}
