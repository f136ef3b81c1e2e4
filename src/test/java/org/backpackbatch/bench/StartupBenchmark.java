package org.backpackbatch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.awaitility.Awaitility;
import org.backpackbatch.api.AccountUrl;
import org.backpackbatch.api.ApiToken;
import org.backpackbatch.api.BackpackClient;
import org.backpackbatch.api.ClientSettings;
import org.backpackbatch.api.model.PageSummary;
import org.backpackbatch.emulator.AccountSpec;
import org.backpackbatch.emulator.BackpackEmulator;
import org.backpackbatch.emulator.EmulatorConfig;
import org.backpackbatch.emulator.FaultPlan;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What starting the program costs, as whole processes run the way the README tells a user to:
 * {@code snapshots}, {@code diff} and {@code verify} on a store of 1,000 pages, {@code --help} and
 * {@code --version} (the program printing one line),
 * side by side with a bare JVM that prints one line, alternating, several runs each, medians of
 * the wall time and of the peak resident memory (from {@code /usr/bin/time}); and a backup's
 * overhead, its process's wall time minus the time the backup reports for its own work. It starts
 * from the launcher as {@code mvn package} leaves it, without class-data archives: the first run of
 * each command (which lists its classes, dumped into the command's archive in the background once
 * it has ended) is reported apart, and the later runs wait for those dumps. Needs the
 * packaged program: {@code mvn -B -q package -DskipTests}, then
 * {@code mvn -B test -Pbenchmarks -Dtest=StartupBenchmark}; figures go to
 * {@code target/benchmarks/startup.txt}.
 */
@Tag("benchmark")
class StartupBenchmark {

    private static final int PAGES = 1000;
    private static final int RUNS = Integer.getInteger("startup.runs", 9);
    private static final int BACKUPS = Integer.getInteger("startup.backups", 3);
    private static final Path LAUNCHER = Path.of("target", "backpack-batch");
    private static final Path APP = Path.of("target", "backpack-batch-app");
    private static final Path JAR = Path.of("target", "backpack-batch.jar");
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private static final Pattern TIME_LINE = Pattern.compile("(?m)^startup-benchmark (\\d+)$");

    @TempDir
    Path dir;

    @Test
    void shortCommandsSideBySideWithABareJvmAndTheOverheadOfABackup() throws Exception {
        assertThat(Path.of("/usr/bin/time")).as("GNU time measures each process's peak memory").isExecutable();
        requireFreshPackage();
        removeRecordedArchives();
        BenchmarkReport report = new BenchmarkReport("startup");
        Path tokenFile = dir.resolve("bench.token");
        Path store = dir.resolve("store-1.db");
        Run recordingBackup;
        List<Run> firstBackups = new ArrayList<>();
        List<Run> reBackups = new ArrayList<>();
        try (BackpackEmulator emulator = BackpackEmulator.start(new EmulatorConfig("127.0.0.1", 0,
                List.of(new AccountSpec("bench", Integer.toString(PAGES))), "demo", 1, null, null, FaultPlan.NONE, false))) {
            BackpackEmulator.HostedAccount account = emulator.account("bench");
            Files.writeString(Files.createFile(tokenFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))),
                    account.token() + "\n");
            recordingBackup = run(launcher(backupArgs(account, tokenFile, 0)));
            awaitTheArchiveDumps();
            for (int backup = 1; backup <= BACKUPS; backup++) {
                List<String> args = backupArgs(account, tokenFile, backup);
                firstBackups.add(run(launcher(args)));
                renameOnePercentOfThePages(account, backup);
                reBackups.add(run(launcher(args)));
            }
        }

        Map<String, List<String>> commands = new LinkedHashMap<>();
        Path hello = hello();
        commands.put("bare JVM: java -cp DIR Hello", List.of(JAVA, "-cp", hello.getParent().toString(), "Hello"));
        commands.put("bare JVM: java -jar hello.jar", List.of(JAVA, "-jar", hello.toString()));
        for (List<String> args : List.of(List.of("snapshots", "--db", store.toString()), List.of("diff", "--db", store.toString()),
                List.of("verify", "--db", store.toString()), List.of("--help"), List.of("--version"))) {
            commands.put("target/backpack-batch " + args.get(0), launcher(args));
            commands.put("java -jar target/backpack-batch.jar " + args.get(0), jar(args));
        }
        Map<String, List<Run>> runs = new LinkedHashMap<>();
        Map<String, Run> firstRuns = new LinkedHashMap<>();
        commands.keySet().forEach(name -> runs.put(name, new ArrayList<>()));
        for (int round = 0; round <= RUNS; round++) {
            for (Map.Entry<String, List<String>> command : commands.entrySet()) {
                Run run = run(command.getValue());
                // the first round warms the file cache and records the launcher's archives
                if (round > 0) {
                    runs.get(command.getKey()).add(run);
                } else {
                    firstRuns.put(command.getKey(), run);
                }
            }
            awaitTheArchiveDumps();
        }
        assertThat(runs.get("target/backpack-batch diff").get(0).out()).contains("snapshot 1 -> 2", "changed");
        assertThat(runs.get("target/backpack-batch verify").get(0).out()).startsWith("OK:");

        double bareCp = medianSeconds(runs.get("bare JVM: java -cp DIR Hello"));
        double bareJar = medianSeconds(runs.get("bare JVM: java -jar hello.jar"));
        report.add(String.format(Locale.ROOT, "each process %d times, alternating (after one round to warm the file cache); medians;"
                + " a store of %,d pages, 2 snapshots; java: %s", RUNS, PAGES, JAVA));
        report.add(String.format(Locale.ROOT, "%-46s %8s %10s %11s %9s %12s", "command", "wall s", "x java -cp", "x java -jar", "peak MiB",
                "first run s"));
        for (Map.Entry<String, List<Run>> command : runs.entrySet()) {
            double wall = medianSeconds(command.getValue());
            report.add(String.format(Locale.ROOT, "%-46s %8.3f %10.1f %11.1f %9d %12.3f", command.getKey(), wall, wall / bareCp,
                    wall / bareJar, medianPeakMib(command.getValue()), firstRuns.get(command.getKey()).seconds()));
        }
        report.add(String.format(Locale.ROOT, "backup of %,d pages (--rate off), target/backpack-batch, %d runs each; overhead = process wall"
                + " time - the backup's own time (the 'seconds' of its --json line)", PAGES, BACKUPS));
        Map<String, List<Run>> backupRuns = new LinkedHashMap<>();
        backupRuns.put("first backup into a new store", firstBackups);
        backupRuns.put("re-backup after 1% of the pages renamed", reBackups);
        for (Map.Entry<String, List<Run>> backups : backupRuns.entrySet()) {
            List<Double> overheads = backups.getValue().stream().map(StartupBenchmark::overheadSeconds).sorted().toList();
            report.add(String.format(Locale.ROOT, "  %-40s wall %.2f s, overhead median %.2f s (%s), peak %d MiB", backups.getKey(),
                    medianSeconds(backups.getValue()), median(overheads),
                    String.join(", ", overheads.stream().map(o -> String.format(Locale.ROOT, "%.2f", o)).toList()),
                    medianPeakMib(backups.getValue())));
        }
        report.add(String.format(Locale.ROOT, "  %-40s wall %.2f s, overhead %.2f s, peak %d MiB", "backup's first run (lists its classes)",
                recordingBackup.seconds(), overheadSeconds(recordingBackup), Math.round(recordingBackup.peakKib() / 1024.0)));
        report.write();
    }

    /** One process: its wall time as this JVM sees it, its peak resident memory as its parent's wait sees it. */
    private record Run(double seconds, long peakKib, String out) {
    }

    private Run run(List<String> command) throws IOException, InterruptedException {
        List<String> timed = new ArrayList<>(List.of("/usr/bin/time", "-f", "startup-benchmark %M", "-o"));
        Path timeFile = Files.createTempFile(dir, "time", ".txt");
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        timed.add(timeFile.toString());
        timed.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(timed).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().remove("BACKPACK_TOKEN");
        long start = System.nanoTime();
        Process process = builder.start();
        assertThat(process.waitFor(10, TimeUnit.MINUTES)).as("%s ended", command).isTrue();
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(process.exitValue()).as("%s: %s", command, Files.readString(err)).isZero();
        Matcher time = TIME_LINE.matcher(Files.readString(timeFile));
        assertThat(time.find()).as("GNU time's line").isTrue();
        return new Run(seconds, Long.parseLong(time.group(1)), Files.readString(out, StandardCharsets.UTF_8));
    }

    private List<String> backupArgs(BackpackEmulator.HostedAccount account, Path tokenFile, int store) {
        return List.of("backup", "--account", account.baseUrl(), "--token-file", tokenFile.toString(),
                "--db", dir.resolve("store-" + store + ".db").toString(), "--rate", "off", "--progress", "none", "--json");
    }

    /** As the README's set-up runs the program (the build's launcher script). */
    private static List<String> launcher(List<String> args) {
        List<String> command = new ArrayList<>(List.of(LAUNCHER.toString()));
        command.addAll(args);
        return command;
    }

    /** As cli.md runs the program: the one runnable jar. */
    private static List<String> jar(List<String> args) {
        List<String> command = new ArrayList<>(List.of(JAVA, "-jar", JAR.toString()));
        command.addAll(args);
        return command;
    }

    /** The benchmark measures the packaged program: it must have been built from the classes compiled now. */
    private static void requireFreshPackage() throws IOException {
        assertThat(LAUNCHER).as("the launcher; build it first: mvn -B -q package -DskipTests").isExecutable();
        FileTime packaged = Files.getLastModifiedTime(LAUNCHER);
        try (Stream<Path> classes = Files.walk(Path.of("target", "classes"))) {
            FileTime newest = classes.filter(file -> file.toString().endsWith(".class")).map(StartupBenchmark::modified)
                    .max(FileTime::compareTo).orElseThrow();
            assertThat(packaged).as("the launcher is older than the compiled classes; rebuild: mvn -B -q package -DskipTests")
                    .isGreaterThanOrEqualTo(newest);
        }
    }

    /** The class-data archives earlier runs of the launcher recorded (src/main/launcher/backpack-batch names them classes.*). */
    private static void removeRecordedArchives() throws IOException {
        try (Stream<Path> files = Files.list(APP)) {
            for (Path archive : files.filter(file -> file.getFileName().toString().startsWith("classes.")).toList()) {
                Files.delete(archive);
            }
        }
    }

    /** The launcher's background dumps of the class lists of first runs, ended (src/main/launcher/backpack-batch names them). */
    private static void awaitTheArchiveDumps() {
        Awaitility.await().atMost(Duration.ofMinutes(5)).until(() -> {
            try (Stream<Path> files = Files.list(APP)) {
                return files.map(file -> file.getFileName().toString()).noneMatch(name -> name.endsWith(".classlist") || name.endsWith(".lock"));
            }
        });
    }

    /** A class that prints one line, in a folder and in a jar of its own. */
    private Path hello() throws IOException {
        Path source = dir.resolve("hello").resolve("Hello.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, "public class Hello { public static void main(String[] args) { System.out.println(\"hello\"); } }\n");
        assertThat(ToolProvider.getSystemJavaCompiler().run(null, null, null, source.toString())).isZero();
        Path jar = dir.resolve("hello").resolve("hello.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "Hello");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
            out.putNextEntry(new JarEntry("Hello.class"));
            out.write(Files.readAllBytes(source.resolveSibling("Hello.class")));
            out.closeEntry();
        }
        return jar;
    }

    /** Gives 1% of the pages a new title, so that the next backup and a diff have something to find. */
    private static void renameOnePercentOfThePages(BackpackEmulator.HostedAccount account, int round) {
        try (BackpackClient client = new BackpackClient(AccountUrl.parse(account.baseUrl()), ApiToken.of(account.token()),
                ClientSettings.defaults().withRate(null))) {
            List<PageSummary> pages = account.data().allPages();
            for (int i = 0; i < pages.size(); i += 100) {
                client.renamePage(pages.get(i).id(), pages.get(i).title() + " (renamed " + round + ")");
            }
        }
    }

    private static double overheadSeconds(Run backup) {
        try {
            JsonNode summary = new ObjectMapper().readTree(backup.out().strip());
            assertThat(summary.path("status").asText()).as("the backup's summary: %s", backup.out()).isEqualTo("complete");
            return backup.seconds() - summary.get("seconds").asDouble();
        } catch (IOException e) {
            throw new AssertionError("the backup's summary is not one JSON line: " + backup.out(), e);
        }
    }

    private static double medianSeconds(List<Run> runs) {
        return median(runs.stream().map(Run::seconds).sorted().toList());
    }

    private static long medianPeakMib(List<Run> runs) {
        return Math.round(median(runs.stream().map(run -> (double) run.peakKib()).sorted().toList()) / 1024);
    }

    private static double median(List<Double> sorted) {
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    private static FileTime modified(Path path) {
        try {
            return Files.getLastModifiedTime(path);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
