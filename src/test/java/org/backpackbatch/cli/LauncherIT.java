package org.backpackbatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.backpackbatch.Version;
import org.backpackbatch.store.Store;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code target/backpack-batch}, the launcher {@code mvn package} writes, as a user runs it from
 * another folder: the program itself, its SQLite library found where the build put it.
 */
class LauncherIT {

    private static final Path LAUNCHER = Path.of("target", "backpack-batch").toAbsolutePath();

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

    private record Run(int exitCode, String out, String err) {
    }

    private Run run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(LAUNCHER.toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("%s ended", command).isTrue();
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    }
}
