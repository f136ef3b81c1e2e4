package org.backpackbatch.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.backpackbatch.backup.BackupCli;
import org.backpackbatch.emulator.AccountSpec;
import org.backpackbatch.emulator.BackpackEmulator;
import org.backpackbatch.emulator.EmulatorConfig;
import org.backpackbatch.emulator.FaultPlan;
import org.backpackbatch.store.PostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cluster as users start it: three {@code java -jar backpack-batch.jar schedule} processes on one
 * real PostgreSQL, 60 emulated accounts in one {@code accounts:} job whose cron fires once for all
 * of them (enough for each node to back up several side by side; the cluster benchmark runs 1,000);
 * one node is killed (SIGKILL) while it backs accounts up. Every account ends with exactly
 * one complete snapshot of that firing, the killed node's runs resumed on another node, no account's
 * runs overlap, and verify passes.
 */
class ClusterIT {

    private static final int ACCOUNTS = 60;
    private static final int NODES = 3;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Accounts a node runs now whose backup has its execution started in the job repository, by node. */
    private static final String BACKING_UP = "SELECT f.INSTANCE_NAME, f.JOB_NAME FROM QRTZ_FIRED_TRIGGERS f"
            + " JOIN accounts a ON a.url = f.JOB_NAME JOIN snapshots s ON s.account_id = a.id AND s.finished_at IS NULL"
            + " JOIN BATCH_JOB_EXECUTION_PARAMS p ON p.PARAMETER_NAME = 'snapshot' AND p.PARAMETER_VALUE = CAST(s.id AS TEXT)"
            + " JOIN BATCH_JOB_EXECUTION e ON e.JOB_EXECUTION_ID = p.JOB_EXECUTION_ID AND e.STATUS = 'STARTED'"
            + " WHERE f.STATE = 'EXECUTING' AND f.JOB_GROUP <> 'jobs'";

    @TempDir
    Path dir;

    @Test
    void aNodeKilledMidRunLosesNoAccountAndNoAccountIsBackedUpTwice() throws Exception {
        String db = PostgresServer.shared().createDatabase();
        try (BackpackEmulator emulator = BackpackEmulator.start(EmulatorConfig.defaults().withRateLimit(null)
                .withFaults(new FaultPlan(20, 40, 0, 1))
                .withAccounts(IntStream.range(0, ACCOUNTS).mapToObj(i -> new AccountSpec("a" + i, "4")).toList()));
             ClusterNodes nodes = ClusterNodes.start(dir, ClusterNodes.writeJob(dir, emulator, db, Duration.ofSeconds(45),
                     "spread: 6s\nmax-parallel: 6\nworkers: 2\n").jobs(), NODES)) {

            // mid-run: status shows runs in progress on the cluster's nodes
            ClusterNodes.await(() -> !backingUp(db).isEmpty(), Duration.ofSeconds(240), () -> "backups running");
            BackupCli.Run status = BackupCli.inProcess("status", "--db", db, "--json");
            List<JsonNode> running = status.out().lines().map(ClusterIT::json).filter(line -> line.get("running").asBoolean()).toList();
            assertThat(running).as("status while the cluster runs: %s", status.out()).isNotEmpty()
                    .allMatch(line -> nodes.indexOfNode().containsKey(line.get("node").asText()));

            // the node with the most backups under way, killed at once
            Map<String, List<String>> backingUp = new HashMap<>();
            ClusterNodes.await(() -> {
                backingUp.clear();
                backingUp.putAll(backingUp(db));
                return backingUp.values().stream().anyMatch(accounts -> accounts.size() >= 2);
            }, Duration.ofSeconds(120), () -> "a node backing up two accounts at once");
            String victim = backingUp.entrySet().stream().max(Map.Entry.comparingByValue((a, b) -> a.size() - b.size())).orElseThrow().getKey();
            nodes.kill(victim);
            List<String> cutShort = backingUp.get(victim);

            ClusterNodes.await(() -> ClusterNodes.count(db, "SELECT count(*) FROM snapshots WHERE finished_at IS NOT NULL") == ACCOUNTS,
                    Duration.ofSeconds(300), () -> "every account backed up");

            Map<String, List<Long>> snapshotsByAccount = snapshotsByAccount(db);
            assertThat(snapshotsByAccount).hasSize(ACCOUNTS).allSatisfy((account, snapshots) ->
                    assertThat(snapshots).as("snapshots of %s", account).hasSize(1));
            assertThat(ClusterNodes.count(db, "SELECT count(*) FROM snapshots WHERE finished_at IS NULL")).isZero();
            Map<String, List<Timestamp[]>> runs = executionsByAccount(db);
            runs.forEach((account, executions) -> {
                for (int i = 1; i < executions.size(); i++) {
                    assertThat(executions.get(i - 1)[1]).as("%s: run %d ended before the next started", account, i).isNotNull();
                    assertThat(executions.get(i)[0]).as("%s: run %d started after run %d ended", account, i + 1, i)
                            .isAfterOrEqualTo(executions.get(i - 1)[1]);
                }
            });
            // one may have finished between the look and the kill; the others were cut short and resumed
            assertThat(cutShort).as("the killed node's backups resumed their snapshot on another node")
                    .anyMatch(account -> runs.get(account).size() >= 2);
            nodes.indexOfNode().forEach((node, index) -> {
                if (!node.equals(victim)) {
                    assertThat(nodes.log(index)).as("node %s's log", node).doesNotContain("failed with exit").doesNotContain("\tat ");
                }
            });
            BackupCli.Run verify = BackupCli.inProcess("verify", "--db", db);
            assertThat(verify.exitCode()).as(verify.out() + verify.err()).isZero();
        }
    }

    private static Map<String, List<String>> backingUp(String db) {
        Map<String, List<String>> byNode = new HashMap<>();
        if (ClusterNodes.count(db, "SELECT 1") == 1) {
            ClusterNodes.query(db, BACKING_UP, row -> byNode.computeIfAbsent(row.getString(1), node -> new ArrayList<>()).add(row.getString(2)));
        }
        return byNode;
    }

    private static Map<String, List<Long>> snapshotsByAccount(String db) {
        Map<String, List<Long>> byAccount = new HashMap<>();
        ClusterNodes.query(db, "SELECT a.url, s.id FROM snapshots s JOIN accounts a ON a.id = s.account_id ORDER BY s.id",
                rows -> byAccount.computeIfAbsent(rows.getString(1), account -> new ArrayList<>()).add(rows.getLong(2)));
        return byAccount;
    }

    /** Each account's backup executions in the job repository, in order: start and end. */
    private static Map<String, List<Timestamp[]>> executionsByAccount(String db) {
        Map<String, List<Timestamp[]>> byAccount = new HashMap<>();
        ClusterNodes.query(db, "SELECT a.url, e.START_TIME, e.END_TIME FROM BATCH_JOB_EXECUTION e"
                + " JOIN BATCH_JOB_EXECUTION_PARAMS p ON p.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID AND p.PARAMETER_NAME = 'snapshot'"
                + " JOIN snapshots s ON CAST(s.id AS TEXT) = p.PARAMETER_VALUE JOIN accounts a ON a.id = s.account_id"
                + " ORDER BY e.JOB_EXECUTION_ID",
                rows -> byAccount.computeIfAbsent(rows.getString(1), account -> new ArrayList<>())
                        .add(new Timestamp[] {rows.getTimestamp(2), rows.getTimestamp(3)}));
        return byAccount;
    }

    private static JsonNode json(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new IllegalStateException(line, e);
        }
    }
}
