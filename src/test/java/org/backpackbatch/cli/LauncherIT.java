package org.backpackbatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.backpackbatch.Version;
import org.backpackbatch.store.Store;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code target/backpack-batch}, the launcher {@code mvn package} writes, as a user runs it from
 * another folder: the program itself, its SQLite library found where the build put it, and the
 * class-data archive each command's first run has dumped, once it has ended, in the background.
 */
class LauncherIT {

    private static final Path LAUNCHER = Path.of("target", "backpack-batch").toAbsolutePath();
    private static final Path APP = Path.of("target", "backpack-batch-app").toAbsolutePath();
    /** The class-load log's line of the program's main class mapped from an archive (the JDK's own does not hold it). */
    private static final String MAIN_CLASS_FROM_AN_ARCHIVE = "org.backpackbatch.cli.BackpackBatch source: shared objects file";

    @TempDir
    Path dir;

    @Test
    void runsTheProgramFromAnyFolderWithItsSqliteLibrary() throws Exception {
        Path db = dir.resolve("store.db");
        Store.open(db, Store.Access.CREATE).close();

        Run version = run("--version");
        Run snapshots = run("snapshots", "--db", "store.db", "--json");

        assertThat(version.exitCode()).as(version.err()).isZero();
        assertThat(version.out()).isEqualTo("backpack-batch " + Version.current() + "\n");
        assertThat(snapshots.exitCode()).as(snapshots.err()).isZero();
        assertThat(snapshots.out()).as("an empty store lists no snapshot").isEmpty();
        assertThat(snapshots.err()).as("SQLite's library loads without a warning").isEmpty();
    }

    @Test
    void aCommandsFirstRunLeavesItsClassArchiveLaterRunsMapItAndADamagedOneIsNotUsedButMadeAgain() throws Exception {
        Path launcher = installedCopy();
        Path app = launcher.resolveSibling("backpack-batch-app");
        Path classLog = dir.resolve("class-load.log");
        Map<String, String> logClassLoading = Map.of("JAVA_TOOL_OPTIONS", "-Xlog:class+load=info:file=" + classLog);
        assertThat(archives(app)).as("a new package has no archive").isEmpty();

        Run first = run(launcher, logClassLoading, "--help");
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).as("the first run prints the program's output only").startsWith("Usage: backpack-batch ");
        assertThat(Files.readString(classLog)).doesNotContain(MAIN_CLASS_FROM_AN_ARCHIVE);
        List<Path> archives = awaitOneArchive(app);

        Run second = run(launcher, logClassLoading, "--help");
        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(second.out()).isEqualTo(first.out());
        assertThat(Files.readString(classLog)).as("the program's classes come from the first run's archive").contains(MAIN_CLASS_FROM_AN_ARCHIVE);
        assertThat(archives(app)).isEqualTo(archives);

        // cut in half, header kept: JDK 17 maps it and crashes (SIGBUS)
        try (FileChannel archive = FileChannel.open(archives.get(0), StandardOpenOption.WRITE)) {
            archive.truncate(archive.size() / 2);
        }
        Run damaged = run(launcher, logClassLoading, "--help");
        assertThat(damaged.exitCode()).as(damaged.err()).isZero();
        assertThat(damaged.out()).isEqualTo(first.out());
        assertThat(Files.readString(classLog)).doesNotContain(MAIN_CLASS_FROM_AN_ARCHIVE);
        assertThat(awaitOneArchive(app)).as("the damaged archive is made again after the run").isNotEqualTo(archives);
    }

    private record Run(int exitCode, String out, String err) {
    }

    /**
     * The launcher and the extracted program copied as {@code mvn package} leaves them, without the
     * archives of runs (which other tests' runs may be dumping meanwhile).
     */
    private Path installedCopy() throws IOException {
        Path install = Files.createDirectories(dir.resolve("install"));
        Files.createDirectories(install.resolve("backpack-batch-app"));
        for (String built : List.of("backpack-batch.jar", "lib", "native")) {
            try (Stream<Path> files = Files.walk(APP.resolve(built))) {
                for (Path file : files.toList()) {
                    Files.copy(file, install.resolve("backpack-batch-app").resolve(APP.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return Files.copy(LAUNCHER, install.resolve("backpack-batch"), StandardCopyOption.COPY_ATTRIBUTES);
    }

    /** The archive a run's background process dumps once the run has ended, and nothing else of the dump left. */
    private static List<Path> awaitOneArchive(Path app) {
        return Awaitility.await().atMost(Duration.ofMinutes(2)).until(() -> {
            try (Stream<Path> files = Files.list(app)) {
                return files.filter(file -> file.getFileName().toString().startsWith("classes.")).toList();
            }
        }, files -> files.size() == 1 && files.get(0).toString().endsWith(".jsa"));
    }

    private static List<Path> archives(Path app) throws IOException {
        try (Stream<Path> files = Files.list(app)) {
            return files.filter(file -> file.toString().endsWith(".jsa")).toList();
        }
    }

    private Run run(String... args) throws IOException, InterruptedException {
        return run(LAUNCHER, Map.of(), args);
    }

    private Run run(Path launcher, Map<String, String> environment, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(launcher.toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("%s ended", command).isTrue();
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    }
}
