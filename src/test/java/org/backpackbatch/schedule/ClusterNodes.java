package org.backpackbatch.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.backpackbatch.backup.BackupCli;
import org.backpackbatch.emulator.BackpackEmulator;

/**
 * Nodes of a cluster as users start them, {@code java -jar target/backpack-batch.jar schedule}
 * processes on one PostgreSQL store, with a backup job of every account of an emulator that fires
 * once: for the cluster test and the cluster benchmark.
 */
public final class ClusterNodes implements AutoCloseable {

    private static final Pattern NODE = Pattern.compile("schedule: node (\\S+) of the cluster");

    private final List<Process> processes = new ArrayList<>();
    private final List<Path> logs = new ArrayList<>();
    /** Each node's Quartz instance id (as status shows it), by its index. */
    private final Map<String, Integer> indexOfNode = new LinkedHashMap<>();

    /**
     * Writes {@code dir/accounts.csv} (every account of the emulator, each token in a file) and
     * {@code dir/jobs/fleet.yml}, a backup job on {@code db} whose cron fires once, {@code after}
     * from now; {@code more} are further fields. Returns the jobs folder and the firing time.
     */
    public static Job writeJob(Path dir, BackpackEmulator emulator, String db, Duration after, String more) throws IOException {
        Files.createDirectories(dir.resolve("tokens"));
        StringBuilder csv = new StringBuilder("url,token_file\n");
        for (BackpackEmulator.HostedAccount account : emulator.accounts()) {
            Files.writeString(dir.resolve("tokens/" + account.name()), account.token() + "\n");
            csv.append(account.baseUrl()).append(",tokens/").append(account.name()).append('\n');
        }
        Files.writeString(dir.resolve("accounts.csv"), csv.toString());
        ZonedDateTime firing = ZonedDateTime.now(ZoneId.systemDefault()).truncatedTo(ChronoUnit.SECONDS).plus(after);
        String cron = String.format("%d %d %d %d %d ? %d", firing.getSecond(), firing.getMinute(), firing.getHour(), firing.getDayOfMonth(),
                firing.getMonthValue(), firing.getYear());
        Path jobs = Files.createDirectories(dir.resolve("jobs"));
        Files.writeString(jobs.resolve("fleet.yml"), "type: backup\ncron: '" + cron + "'\naccounts: accounts.csv\ndb: " + db + "\n" + more);
        return new Job(jobs, firing.toInstant());
    }

    /** A job folder and the time its job fires. */
    public record Job(Path jobs, java.time.Instant firing) {
    }

    /** Starts {@code count} nodes on the job folder, their output in {@code dir/nodeN.log}, and waits until each is a node of the cluster. */
    public static ClusterNodes start(Path dir, Path jobs, int count) throws IOException, InterruptedException {
        ClusterNodes nodes = new ClusterNodes();
        for (int i = 0; i < count; i++) {
            Path log = dir.resolve("node" + i + ".log");
            nodes.logs.add(log);
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m"));
            command.addAll(BackupCli.TEST_JVM_OPTIONS);
            command.addAll(List.of("-jar", Path.of("target", "backpack-batch.jar").toAbsolutePath().toString(),
                    "schedule", "--jobs", jobs.toString()));
            nodes.processes.add(new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start());
        }
        await(() -> {
            for (int i = 0; i < count; i++) {
                Matcher matcher = NODE.matcher(read(nodes.logs.get(i)));
                if (matcher.find()) {
                    nodes.indexOfNode.put(matcher.group(1), i);
                }
            }
            return nodes.indexOfNode.size() == count;
        }, Duration.ofSeconds(120), () -> "every node started: " + nodes.logs.stream().map(ClusterNodes::read).toList());
        return nodes;
    }

    public Map<String, Integer> indexOfNode() {
        return indexOfNode;
    }

    public Process process(int index) {
        return processes.get(index);
    }

    public String log(int index) {
        return read(logs.get(index));
    }

    /** Kills the node (SIGKILL) and waits for its end. */
    public void kill(String node) throws InterruptedException {
        processes.get(indexOfNode.get(node)).destroyForcibly().waitFor();
    }

    @Override
    public void close() {
        processes.forEach(Process::destroyForcibly);
    }

    /** One count from the store's database; 0 while it has no store yet. */
    public static long count(String db, String sql) {
        long[] count = {0};
        query(db, "SELECT to_regclass('snapshots') IS NOT NULL", rows -> count[0] = rows.getBoolean(1) ? 1 : 0);
        if (count[0] == 0) {
            return 0;
        }
        query(db, sql, rows -> count[0] = rows.getLong(1));
        return count[0];
    }

    /** Reads a row of a query's answer. */
    public interface Row {
        void read(ResultSet rows) throws SQLException;
    }

    public static void query(String db, String sql, Row row) {
        try (Connection connection = DriverManager.getConnection(db);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                row.read(rows);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    public static void await(BooleanSupplier condition, Duration timeout, java.util.function.Supplier<String> what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited %s for: %s", timeout, what.get()).isLessThan(deadline);
            Thread.sleep(250);
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
