package org.backpackbatch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What each operation costs per page and per record: the packaged jar run as a user runs it, one
 * process per command, against an emulator in a process of its own with a generated 5,000-page
 * account (limit off). Each command runs under {@code /usr/bin/time -v}, which gives its CPU
 * (user + sys) and peak RSS; the in-job time comes from the run's metrics file (import, which has
 * none, prints it). The same commands on an empty account give each one's start-up cost, which
 * is taken off to get the cost of the work itself. Each command runs through the build's launcher
 * {@code target/backpack-batch} (the way the README runs the program; its class-data archives
 * recorded by a first round that is not counted), with {@code java -jar} and the default heap,
 * and with {@code java -Xmx160m -jar}.
 * Run: {@code mvn -B -q package -DskipTests && mvn -B test -Pbenchmarks -Dtest=EfficiencyBenchmark};
 * add {@code -Defficiency.jfr=true} to record each command with JFR into {@code target/benchmarks/}.
 */
@Tag("benchmark")
class EfficiencyBenchmark {

    private static final int PAGES = Integer.getInteger("efficiency.pages", 5000);
    private static final Path JAR = Path.of("target", "backpack-batch.jar").toAbsolutePath();
    private static final Path LAUNCHER = Path.of("target", "backpack-batch").toAbsolutePath();
    private static final Path TIME = Path.of("/usr/bin/time");
    /** One way of starting the program: through the launcher or {@code java -jar}, with these JVM options. */
    record Jvm(String label, boolean launcher, List<String> options) {
    }
    private static final Pattern ACCOUNT_LINE = Pattern.compile("^account (\\S+) (\\S+) (\\S+)$");
    private static final Pattern RECORDS = Pattern.compile("(?m)^\\s+(\\d+) records changed");
    private static final Pattern IMPORT_SECONDS = Pattern.compile("(?m)^\\s+in ([\\d.]+) s$");
    private static final Pattern METRIC_DURATION = Pattern.compile("(?m)^backpack_batch_last_run_duration_seconds\\{[^}]*} ([\\d.Ee+-]+)$");

    @TempDir
    Path dir;

    /** One command's cost. */
    record Cost(String operation, double wall, double cpu, long peakRssKib, double inJob) {
    }

    @Test
    void cpuAndMemoryPerPageAndRecord() throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(JAR) && Files.isExecutable(LAUNCHER), "build the jar first: mvn -B -q package -DskipTests");
        Assumptions.assumeTrue(Files.isExecutable(TIME), "needs /usr/bin/time (Debian package time)");
        BenchmarkReport report = new BenchmarkReport("efficiency");
        Process emulator = new ProcessBuilder("java", "-jar", JAR.toString(), "emulator", "--port", "0",
                "--accounts", "bench:" + PAGES + ",empty:empty", "--rate-limit", "off")
                .redirectError(dir.resolve("emulator.err").toFile()).start();
        try {
            Map<String, String[]> accounts = readAccounts(emulator, 2);
            report.add(String.format(Locale.ROOT, "%d generated pages, emulator in a process of its own, limit off, each command"
                    + " a process under /usr/bin/time -v", PAGES));
            List<Jvm> jvms = List.of(new Jvm("target/backpack-batch (the launcher), default heap", true, List.of()),
                    new Jvm("java -jar, default heap", false, List.of()),
                    new Jvm("java -Xmx160m -jar", false, List.of("-Xmx160m", "-XX:+ExitOnOutOfMemoryError")));
            int configuration = 0;
            for (Jvm jvm : jvms) {
                String label = jvm.label();
                configuration++;
                if (jvm.launcher()) {
                    // a command's first run through the launcher records its class-data archive: not counted
                    runAll(accounts.get("empty"), jvm, "first-" + configuration);
                }
                List<Cost> startUp = runAll(accounts.get("empty"), jvm, "empty-" + configuration);
                List<Cost> work = runAll(accounts.get("bench"), jvm, "bench-" + configuration);
                long records = lastRecords;
                report.add("");
                report.add(String.format(Locale.ROOT, "%s, %d pages, %,d records:", label, PAGES, records));
                report.add("| operation | wall s | CPU s | CPU s after start-up | CPU s / 1,000 pages (after start-up) | in-job s"
                        + " | pages/s in job | records/s in job | peak RSS MiB |");
                report.add("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
                for (int i = 0; i < work.size(); i++) {
                    Cost cost = work.get(i);
                    double net = cost.cpu() - startUp.get(i).cpu();
                    report.add(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.1f | %.2f | %.2f | %,.0f | %,.0f | %d |",
                            cost.operation(), cost.wall(), cost.cpu(), net, net * 1000 / PAGES, cost.inJob(),
                            PAGES / cost.inJob(), records / cost.inJob(), cost.peakRssKib() / 1024));
                }
            }
        } finally {
            emulator.destroy();
            emulator.waitFor(20, TimeUnit.SECONDS);
        }
        report.write();
    }

    private long lastRecords;

    /** Backup, both exports, import and verify of one account into fresh files, each a process. */
    private List<Cost> runAll(String[] account, Jvm jvm, String name) throws Exception {
        Path work = Files.createDirectories(dir.resolve(name));
        Path token = work.resolve("token");
        Files.writeString(token, account[1], StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(token, PosixFilePermissions.fromString("rw-------"));
        String store = work.resolve("store.db").toString();
        String archive = work.resolve("archive.xml.gz").toString();
        List<Cost> costs = new ArrayList<>();
        Run backup = run(work, jvm, "backup", "--account", account[0], "--token-file", token.toString(), "--db", store,
                "--include", "core", "--rate", "off", "--progress", "none");
        Matcher records = RECORDS.matcher(backup.out());
        assertThat(records.find()).as(backup.out()).isTrue();
        lastRecords = Long.parseLong(records.group(1));
        costs.add(backup.cost());
        costs.add(run(work, jvm, "export", "--db", store, "--format", "sqlite", "--out", work.resolve("export.sqlite").toString()).cost("export sqlite"));
        costs.add(run(work, jvm, "export", "--db", store, "--format", "xml", "--out", archive).cost("export xml.gz"));
        costs.add(run(work, jvm, "import", "--db", work.resolve("imported.db").toString(), "--xml", archive).cost());
        costs.add(run(work, jvm, "verify", "--db", store).cost());
        return costs;
    }

    /** What one command printed and cost. */
    record Run(String operation, String out, double wall, double cpu, long peakRssKib, double inJob) {

        Cost cost() {
            return cost(operation);
        }

        Cost cost(String name) {
            return new Cost(name, wall, cpu, peakRssKib, inJob);
        }
    }

    private Run run(Path work, Jvm jvm, String... args) throws Exception {
        String operation = args[0];
        Path metrics = work.resolve(operation + ".prom");
        Files.deleteIfExists(metrics);
        List<String> options = new ArrayList<>(jvm.options());
        if (Boolean.getBoolean("efficiency.jfr")) {
            Path jfr = Files.createDirectories(Path.of("target", "benchmarks").toAbsolutePath())
                    .resolve(work.getFileName() + "-" + String.join("-", List.of(args).subList(0, Math.min(args.length, 4)))
                            .replaceAll("[^A-Za-z0-9.-]", "_") + ".jfr");
            options.add("-XX:StartFlightRecording=settings=profile,filename=" + jfr);
        }
        List<String> command = new ArrayList<>(List.of(TIME.toString(), "-v"));
        if (jvm.launcher()) {
            command.add(LAUNCHER.toString());
        } else {
            command.add("java");
            command.addAll(options);
            command.addAll(List.of("-jar", JAR.toString()));
        }
        command.addAll(List.of(args));
        if (!operation.equals("import")) {
            command.add("--metrics-file=" + metrics);
        }
        Path out = work.resolve(operation + ".out");
        Path err = work.resolve(operation + ".err");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().remove("BACKPACK_TOKEN");
        if (jvm.launcher()) {
            // the launcher passes JVM options on through the java launcher's own variable
            builder.environment().put("JDK_JAVA_OPTIONS", String.join(" ", options));
        }
        long start = System.nanoTime();
        Process process = builder.start();
        assertThat(process.waitFor(10, TimeUnit.MINUTES)).as("%s ended", operation).isTrue();
        double wall = (System.nanoTime() - start) / 1e9;
        String stdout = Files.readString(out);
        String stderr = Files.readString(err);
        assertThat(process.exitValue()).as("%s: %s", List.of(args), stderr).isZero();
        double cpu = timeField(stderr, "User time (seconds)") + timeField(stderr, "System time (seconds)");
        long rss = (long) timeField(stderr, "Maximum resident set size (kbytes)");
        Matcher seconds = operation.equals("import") ? IMPORT_SECONDS.matcher(stdout) : METRIC_DURATION.matcher(Files.readString(metrics));
        assertThat(seconds.find()).as("the in-job time of %s", operation).isTrue();
        return new Run(operation, stdout, wall, cpu, rss, Double.parseDouble(seconds.group(1)));
    }

    private static double timeField(String timeOutput, String name) {
        Matcher matcher = Pattern.compile("(?m)^\\s*" + Pattern.quote(name) + ": ([\\d.]+)$").matcher(timeOutput);
        assertThat(matcher.find()).as("%s in: %s", name, timeOutput).isTrue();
        return Double.parseDouble(matcher.group(1));
    }

    /** Name to {url, token} of the first {@code count} account lines the emulator prints once ready. */
    private static Map<String, String[]> readAccounts(Process emulator, int count) throws IOException {
        Map<String, String[]> accounts = new HashMap<>();
        BufferedReader lines = new BufferedReader(new InputStreamReader(emulator.getInputStream(), StandardCharsets.UTF_8));
        while (accounts.size() < count) {
            String line = lines.readLine();
            assertThat(line).as("the emulator's account lines").isNotNull();
            Matcher matcher = ACCOUNT_LINE.matcher(line);
            if (matcher.matches()) {
                accounts.put(matcher.group(1), new String[] {matcher.group(2), matcher.group(3)});
            }
        }
        return accounts;
    }
}
