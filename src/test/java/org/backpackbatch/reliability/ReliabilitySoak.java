package org.backpackbatch.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.backpackbatch.backup.BackupCli;
import org.backpackbatch.bench.BenchmarkReport;
import org.backpackbatch.emulator.BackpackEmulator;
import org.backpackbatch.emulator.FaultPlan;
import org.backpackbatch.store.RecordKind;
import org.backpackbatch.store.RecordVersion;
import org.backpackbatch.store.SnapshotComparison;
import org.backpackbatch.store.Store;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The long run of the fault suite, on loopback only, bounded by {@code -Dsoak.minutes} (default 5)
 * and {@code -Dsoak.requests} (requests to the emulators, default 200000): rounds of a backup and a
 * restore through an emulator failing 5-20% of its requests, each command killed (kill -9) at
 * random points and run again to completion; then verify, the content compared with a fault-free
 * backup, duplicates counted, hostile archives and job files tried, every byte scanned for the
 * tokens. Run with {@code mvn -B test -Psoak}; the report goes to target/benchmarks/soak.txt.
 */
@Tag("soak")
class ReliabilitySoak {

    private static final int KILLS_PER_COMMAND = 2;
    private static final List<RecordKind> RESTORED = List.of(RecordKind.PAGE, RecordKind.NOTE, RecordKind.LIST, RecordKind.ITEM,
            RecordKind.SEPARATOR, RecordKind.TAG);

    private long runs;
    private long faults;
    private long backupKills;
    private long restoreKills;
    private long hostile;
    private long compared;
    private long lost;
    private long duplicates;
    private long requests;

    @Test
    void soak(@TempDir Path dir) throws Exception {
        Duration duration = Duration.ofMillis(Math.round(Double.parseDouble(System.getProperty("soak.minutes", "5")) * 60_000));
        long budget = Long.getLong("soak.requests", 200_000);
        long deadline = System.nanoTime() + duration.toNanos();
        Random random = new Random(Long.getLong("soak.seed", System.nanoTime()));

        List<RecordVersion> reference;
        Path referenceStore = dir.resolve("reference.db");
        try (BackpackEmulator healthy = FaultSuiteIT.start(FaultPlan.NONE)) {
            BackpackEmulator.HostedAccount source = healthy.account("src");
            FaultSuiteIT.untilDone(new ArrayList<>(), FaultSuiteIT.backup(source, referenceStore, FaultSuiteIT.tokenFile(dir, "healthy", source)));
            try (Store session = Store.open(referenceStore, Store.Access.READ)) {
                reference = FaultSuiteIT.records(session, FaultSuiteIT.latest(session, source));
            }
            requests += source.requestCount();
        }
        hostileInputs(dir);

        int round = 0;
        while (System.nanoTime() < deadline && requests < budget) {
            round(dir.resolve("round-" + ++round), 0.05 + 0.15 * random.nextDouble(), random, reference);
        }

        BenchmarkReport report = new BenchmarkReport("soak");
        report.add(String.format("soak of %s (request budget %d), %d rounds", duration, budget, round));
        report.add(String.format("  runs                 %d", runs));
        report.add(String.format("  requests             %d", requests));
        report.add(String.format("  faults injected      %d", faults));
        report.add(String.format("  kill points          %d backup, %d restore", backupKills, restoreKills));
        report.add(String.format("  hostile inputs tried %d", hostile));
        report.add(String.format("  records compared     %d", compared));
        report.add(String.format("  records lost         %d", lost));
        report.add(String.format("  duplicates created   %d", duplicates));
        report.write();
        assertThat(lost).as("records lost").isZero();
        assertThat(duplicates).as("duplicates created").isZero();
    }

    private void round(Path dir, double rate, Random random, List<RecordVersion> reference) throws Exception {
        Files.createDirectories(dir);
        List<BackupCli.Run> all = new ArrayList<>();
        List<String> tokens;
        Path store = dir.resolve("store.db");
        try (BackpackEmulator faulty = FaultSuiteIT.start(new FaultPlan(0, 3, rate, random.nextLong()))) {
            BackpackEmulator.HostedAccount source = faulty.account("src");
            BackpackEmulator.HostedAccount target = faulty.account("dst");
            tokens = List.of(source.token(), target.token());
            String[] backup = FaultSuiteIT.backup(source, store, FaultSuiteIT.tokenFile(dir, "faulty", source));
            backupKills += killAtRandomPoints(dir, random, all, backup);
            FaultSuiteIT.untilDone(all, backup);
            long snapshot;
            try (Store session = Store.open(store, Store.Access.READ)) {
                snapshot = FaultSuiteIT.latest(session, source);
                count(reference, FaultSuiteIT.records(session, snapshot), null);
            }

            String[] restore = {"restore", "--db", store.toString(), "--account", target.baseUrl(), "--target-token-file",
                FaultSuiteIT.tokenFile(dir, "faulty", target).toString(), "--snapshot", Long.toString(snapshot), "--rate", "off",
                "--include-friends", "--workers", "4"};
            restoreKills += killAtRandomPoints(dir, random, all, restore);
            FaultSuiteIT.untilDone(all, restore);
            FaultSuiteIT.untilDone(all, FaultSuiteIT.backup(target, store, FaultSuiteIT.tokenFile(dir, "faulty", target)));
            try (Store session = Store.open(store, Store.Access.READ)) {
                long copy = FaultSuiteIT.latest(session, target);
                count(FaultSuiteIT.records(session, snapshot), FaultSuiteIT.records(session, copy), RESTORED);
                SnapshotComparison.Result result = SnapshotComparison.compare(session.snapshots(), snapshot, copy);
                assertThat(result.differences()).as("round %s at fault rate %.3f", dir, rate).isEmpty();
            }
            BackupCli.Run verify = BackupCli.inProcess("verify", "--db", store.toString());
            all.add(verify);
            assertThat(verify.exitCode()).as(verify.out() + verify.err()).isZero();
            faults += FaultSuiteIT.faults(faulty);
            requests += source.requestCount() + target.requestCount();
        }
        runs += all.size();
        FaultSuiteIT.assertNoTokenAnywhere(tokens, all, dir);
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        }
    }

    /** Starts the command as a process and kills it (kill -9) after a random delay; returns the kills that hit a running process. */
    private static int killAtRandomPoints(Path dir, Random random, List<BackupCli.Run> all, String[] args) throws Exception {
        int kills = 0;
        for (int i = 0; i < KILLS_PER_COMMAND; i++) {
            try (BackupCli.Forked run = BackupCli.fork(dir, List.of("-XX:TieredStopAtLevel=1"), args)) {
                Thread.sleep(400 + random.nextInt(2600));
                BackupCli.Run killed = run.kill();
                all.add(killed);
                if (killed.exitCode() == 137) {
                    kills++;
                }
            }
        }
        return kills;
    }

    /** Records of the expected side missing from the actual one (lost), and extra copies in the actual one (duplicates). */
    private void count(List<RecordVersion> expected, List<RecordVersion> actual, List<RecordKind> byKindOnly) {
        Map<Object, Long> balance = new HashMap<>();
        if (byKindOnly == null) {
            expected.forEach(record -> balance.merge(record, 1L, Long::sum));
            actual.forEach(record -> balance.merge(record, -1L, Long::sum));
        } else {
            Map<RecordKind, Long> kinds = new EnumMap<>(RecordKind.class);
            expected.stream().filter(r -> byKindOnly.contains(r.kind())).forEach(r -> kinds.merge(r.kind(), 1L, Long::sum));
            actual.stream().filter(r -> byKindOnly.contains(r.kind())).forEach(r -> kinds.merge(r.kind(), -1L, Long::sum));
            balance.putAll(kinds);
        }
        compared += expected.size();
        balance.values().forEach(difference -> {
            if (difference > 0) {
                lost += difference;
            } else {
                duplicates -= difference;
            }
        });
    }

    /** Hostile archives for import and hostile job files for schedule: each refused with an exit code, no stack trace, no hang. */
    private void hostileInputs(Path dir) throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "SOAK-SECRET-CONTENT");
        List<String> archives = List.of(
                "",
                "\u0000\u0001\u0002 not xml",
                "<?xml version=\"1.0\"?><backpack-archive><page id=\"1\"><title>cut",
                "<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY x SYSTEM \"file://" + secret + "\">]><backpack-archive>&x;</backpack-archive>",
                "<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
                        + "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\"><!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">]><backpack-archive>&d;&d;&d;</backpack-archive>",
                "<backpack-archive>" + "<a>".repeat(20_000) + "</backpack-archive>");
        int index = 0;
        for (String archive : archives) {
            Path file = Files.writeString(dir.resolve("hostile-" + ++index + ".xml"), archive);
            BackupCli.Run run = BackupCli.inProcess("import", "--db", dir.resolve("import-" + index + ".db").toString(), "--xml", file.toString());
            assertRefused(run, "import of archive " + index);
            hostile++;
        }
        List<String> jobs = List.of(
                "a: &a [x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b]\n"
                        + "d: [*c, *c, *c, *c, *c, *c, *c, *c]\n",
                "!!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://127.0.0.1:1/\"]]]]\n",
                "account: http://127.0.0.1:1/x\ndb: " + dir.resolve("../../etc/x.db") + "\ncron: \"not a cron\"\n",
                "\u0000\u0001binary",
                "account: [unclosed\n");
        index = 0;
        for (String job : jobs) {
            Path jobsDir = Files.createDirectories(dir.resolve("jobs-" + ++index));
            Files.writeString(jobsDir.resolve("job.yml"), job);
            assertRefused(BackupCli.inProcess("schedule", "--jobs", jobsDir.toString(), "--once", "job"), "job file " + index);
            hostile++;
        }
    }

    private static void assertRefused(BackupCli.Run run, String what) {
        assertThat(run.exitCode()).as("%s: %s", what, run.out() + run.err()).isNotZero();
        assertThat(run.err()).as(what).doesNotContain("\tat ", "SOAK-SECRET-CONTENT");
        assertThat(run.out()).as(what).doesNotContain("SOAK-SECRET-CONTENT");
    }
}
