package org.backpackbatch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.backpackbatch.api.RateLimit;
import org.backpackbatch.emulator.AccountSpec;
import org.backpackbatch.emulator.BackpackEmulator;
import org.backpackbatch.emulator.EmulatorConfig;
import org.backpackbatch.emulator.FaultPlan;
import org.backpackbatch.schedule.ClusterNodes;
import org.backpackbatch.store.PostgresServer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster on this machine: emulated accounts of 10 pages at 100 ms latency, each with its own
 * 100 requests per 5 s limit, backed up by 1, 2 and 3 {@code schedule} nodes on one PostgreSQL
 * from one firing of an {@code accounts:} job. Per node count: accounts per minute, requests per
 * second per node, the CPU each part used (nodes, PostgreSQL, the emulator) against the machine's,
 * and how often a node waited on Quartz's lock row. {@code -Dbench.accounts=N} (default 1000),
 * {@code -Dbench.nodes=1,2,3} and {@code -Dbench.parallel=N} (max-parallel, default 4) scale it.
 */
@Tag("benchmark")
class ClusterBenchmark {

    private static final long TICKS_PER_SECOND = 100;

    @TempDir
    Path dir;

    @Test
    void accountsPerMinuteOnOneTwoAndThreeNodes() throws Exception {
        int accounts = Integer.getInteger("bench.accounts", 1000);
        int[] nodeCounts = Arrays.stream(System.getProperty("bench.nodes", "1,2,3").split(",")).mapToInt(Integer::parseInt).toArray();
        // each run holds up to 5 connections (its writer's pool and its account lock) and a node's Quartz max-parallel + 4:
        // 3 nodes of 4 fit the test server's 100
        int parallel = Integer.getInteger("bench.parallel", 4);
        BenchmarkReport report = new BenchmarkReport("cluster");
        report.add(accounts + " accounts of 10 pages, 100 ms latency, 100 per 5 s each; max-parallel " + parallel + ", workers 4 per node;"
                + " one PostgreSQL 15 (fsync off), emulator in the benchmark's JVM");
        for (int nodes : nodeCounts) {
            report.add(run(accounts, nodes, parallel, dir.resolve(nodes + "-nodes")));
        }
        report.write();
    }

    private String run(int accounts, int nodeCount, int parallel, Path runDir) throws Exception {
        Files.createDirectories(runDir);
        PostgresServer server = PostgresServer.shared();
        String db = server.createDatabase();
        try (BackpackEmulator emulator = BackpackEmulator.start(EmulatorConfig.defaults().withRateLimit(RateLimit.DEFAULT)
                .withFaults(new FaultPlan(100, 100, 0, 1))
                .withAccounts(IntStream.range(0, accounts).mapToObj(i -> new AccountSpec("b" + i, "10")).toList()))) {
            ClusterNodes.Job job = ClusterNodes.writeJob(runDir, emulator, db, Duration.ofSeconds(30 + 10L * nodeCount),
                    "max-parallel: " + parallel + "\nworkers: 4\n");
            try (ClusterNodes nodes = ClusterNodes.start(runDir, job.jobs(), nodeCount)) {
                long postmaster = postmaster(db);
                ClusterNodes.await(() -> Instant.now().isAfter(job.firing()), Duration.ofSeconds(120), () -> "the firing");
                Cpu before = cpu(nodes, nodeCount, postmaster);
                QuartzLockSampler locks = QuartzLockSampler.start(db);
                ClusterNodes.await(() -> ClusterNodes.count(db, "SELECT count(*) FROM snapshots WHERE finished_at IS NOT NULL") == accounts,
                        Duration.ofMinutes(30), () -> "every account backed up");
                Cpu after = cpu(nodes, nodeCount, postmaster);
                locks.stop();
                long[] lastFinish = {0};
                long[] requests = {0};
                ClusterNodes.query(db, "SELECT max(finished_at), sum(requests) FROM snapshots", rows -> {
                    lastFinish[0] = Instant.parse(rows.getString(1)).toEpochMilli();
                    requests[0] = rows.getLong(2);
                });
                double seconds = (lastFinish[0] - job.firing().toEpochMilli()) / 1000.0;
                assertThat(emulator.rateLimitedCount()).as("answers 503 for a broken limit").isZero();
                List<Long> perNode = new ArrayList<>();
                for (int i = 0; i < nodeCount; i++) {
                    perNode.add(nodes.log(i).lines().filter(line -> line.contains("job fleet (backup) account") && line.contains(": ok,")).count());
                }
                double nodesCpu = (after.nodes - before.nodes) / (double) TICKS_PER_SECOND;
                double postgresCpu = (after.postgres - before.postgres) / (double) TICKS_PER_SECOND;
                double emulatorCpu = (after.emulatorNanos - before.emulatorNanos) / 1e9;
                double machineBusy = (after.machineBusy - before.machineBusy) / (double) TICKS_PER_SECOND;
                double machineAll = (after.machineAll - before.machineAll) / (double) TICKS_PER_SECOND;
                return String.format(Locale.ROOT, "%d node(s): %d accounts in %.1f s = %.0f accounts/min; %d requests, %.1f per second per node;"
                        + " accounts per node %s; CPU seconds: nodes %.1f, PostgreSQL %.1f (%.0f%% of the three), emulator %.1f;"
                        + " machine busy %.0f%% of %d cores (others' work included); Quartz lock: a node waited in %.1f%% of %d samples"
                        + " (max %d waiting)",
                        nodeCount, accounts, seconds, accounts * 60 / seconds, requests[0], requests[0] / seconds / nodeCount, perNode,
                        nodesCpu, postgresCpu, 100 * postgresCpu / (nodesCpu + postgresCpu + emulatorCpu), emulatorCpu,
                        100 * machineBusy / machineAll, Runtime.getRuntime().availableProcessors(), locks.waitingShare() * 100,
                        locks.samples(), locks.maxWaiting());
            }
        }
    }

    /** CPU ticks so far: of the nodes, of this PostgreSQL (its server and its backends, living and ended), the emulator's, the machine's. */
    private record Cpu(long nodes, long postgres, long emulatorNanos, long machineBusy, long machineAll) {
    }

    private static Cpu cpu(ClusterNodes nodes, int count, long postmaster) throws IOException {
        long nodeTicks = 0;
        for (int i = 0; i < count; i++) {
            nodeTicks += ticks(nodes.process(i).pid(), false);
        }
        long postgres = ticks(postmaster, true);
        for (ProcessHandle backend : ProcessHandle.of(postmaster).orElseThrow().children().toList()) {
            postgres += ticks(backend.pid(), false);
        }
        String[] machine = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long all = 0;
        for (int i = 1; i < machine.length; i++) {
            all += Long.parseLong(machine[i]);
        }
        long idle = Long.parseLong(machine[4]) + Long.parseLong(machine[5]);
        long emulator = ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
        return new Cpu(nodeTicks, postgres, emulator, all - idle, all);
    }

    /** utime + stime of a process, with its waited-for children's when asked (a server's ended backends). */
    private static long ticks(long pid, boolean withChildren) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long own = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return withChildren ? own + Long.parseLong(fields[13]) + Long.parseLong(fields[14]) : own;
        } catch (IOException e) {
            // a backend that ended between the listing and the read: its time is in the server's children's
            return 0;
        }
    }

    /** The PostgreSQL server process of the database's cluster: the parent of this connection's backend, while it lives. */
    private static long postmaster(String db) throws SQLException {
        try (Connection connection = DriverManager.getConnection(db);
             Statement statement = connection.createStatement();
             ResultSet backend = statement.executeQuery("SELECT pg_backend_pid()")) {
            backend.next();
            return ProcessHandle.of(backend.getLong(1)).flatMap(ProcessHandle::parent).orElseThrow().pid();
        }
    }

    /** Samples, every 100 ms, how many of the database's sessions wait for a lock on Quartz's QRTZ_LOCKS rows. */
    private static final class QuartzLockSampler {
        private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        private final AtomicLong samples = new AtomicLong();
        private final AtomicLong waitingSamples = new AtomicLong();
        private final AtomicLong maxWaiting = new AtomicLong();

        static QuartzLockSampler start(String db) {
            QuartzLockSampler sampler = new QuartzLockSampler();
            Matcher name = Pattern.compile("/([^/?]+)(\\?|$)").matcher(db.substring("jdbc:postgresql://".length()));
            String database = name.find() ? name.group(1) : "";
            sampler.sampler.scheduleAtFixedRate(() -> {
                long[] waiting = {0};
                ClusterNodes.query(db, "SELECT count(*) FROM pg_stat_activity WHERE datname = '" + database + "' AND wait_event_type = 'Lock'"
                        + " AND query ILIKE '%QRTZ_LOCKS%'", rows -> waiting[0] = rows.getLong(1));
                sampler.samples.incrementAndGet();
                if (waiting[0] > 0) {
                    sampler.waitingSamples.incrementAndGet();
                }
                sampler.maxWaiting.accumulateAndGet(waiting[0], Math::max);
            }, 0, 100, TimeUnit.MILLISECONDS);
            return sampler;
        }

        void stop() throws InterruptedException {
            sampler.shutdown();
            sampler.awaitTermination(5, TimeUnit.SECONDS);
        }

        long samples() {
            return samples.get();
        }

        long maxWaiting() {
            return maxWaiting.get();
        }

        double waitingShare() {
            return samples.get() == 0 ? 0 : waitingSamples.get() / (double) samples.get();
        }
    }
}
