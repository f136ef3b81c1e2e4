package org.backpackbatch.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.backpackbatch.app.Application;
import org.backpackbatch.emulator.AccountSpec;
import org.backpackbatch.emulator.BackpackEmulator;
import org.backpackbatch.emulator.EmulatorConfig;
import org.backpackbatch.emulator.FaultPlan;
import org.backpackbatch.options.BackupOptions;
import org.backpackbatch.options.RestoreOptions;

/**
 * The build's training run (pom.xml, {@code package}): the commands a user runs, on a small
 * generated account of the emulator in this JVM, so that the JVM records the classes a run loads.
 * The build archives them (class-data sharing) for {@code target/backpack-batch}, which then
 * starts without reading, verifying and linking them again. Fails (exit 1) when a command fails.
 */
public final class StartupTraining {

    private static final int PAGES = 20;

    private StartupTraining() {
    }

    /** {@code args[0]}: an empty folder for the training's store and files. */
    public static void main(String[] args) throws Exception {
        Path dir = Files.createDirectories(Path.of(args[0]));
        try (BackpackEmulator emulator = BackpackEmulator.start(new EmulatorConfig("127.0.0.1", 0,
                List.of(new AccountSpec("training", Integer.toString(PAGES))), "demo", 1, null, null, FaultPlan.NONE, false))) {
            BackpackEmulator.HostedAccount account = emulator.account("training");
            Application application = new Application(Map.of(BackupOptions.TOKEN_VARIABLE, account.token(),
                    RestoreOptions.TOKEN_VARIABLE, account.token()));
            String db = dir.resolve("store.db").toString();
            String url = account.baseUrl();
            List<String> failures = new ArrayList<>();
            run(application, failures, 0, "--help");
            run(application, failures, 0, "--version");
            run(application, failures, 0, "help", "backup");
            run(application, failures, 2, "snapshot");
            run(application, failures, 2, "snapshots", "--db", dir.resolve("missing").resolve("store.db").toString());
            for (int backup = 0; backup < 2; backup++) {
                run(application, failures, 0, "backup", "--account", url, "--db", db, "--rate", "off", "--progress", "plain");
            }
            for (String json : List.of("--verbose", "--json")) {
                run(application, failures, 0, "snapshots", "--db", db, json);
                run(application, failures, 0, "diff", "--db", db, json);
                run(application, failures, 0, "verify", "--db", db, json);
            }
            run(application, failures, 0, "export", "--db", db, "--format", "sqlite", "--out", dir.resolve("export.sqlite").toString());
            run(application, failures, 0, "export", "--db", db, "--format", "xml", "--out", dir.resolve("export.xml.gz").toString());
            run(application, failures, 0, "import", "--db", dir.resolve("imported.db").toString(),
                    "--xml", dir.resolve("export.xml.gz").toString());
            run(application, failures, 0, "forget", "--db", db, "--keep-last", "1", "--dry-run");
            run(application, failures, 0, "restore", "--db", db, "--account", url, "--dry-run", "--rate", "off");
            if (!failures.isEmpty()) {
                System.err.println("startup training: " + String.join(System.lineSeparator(), failures));
                System.exit(1);
            }
        }
    }

    /** Runs one command as {@code main} does, its output discarded; a surprising exit code is a failure. */
    private static void run(Application application, List<String> failures, int expected, String... args) {
        StringWriter err = new StringWriter();
        int exitCode = BackpackBatch.execute(application, new PrintWriter(Writer.nullWriter()), new PrintWriter(err), args);
        if (exitCode != expected) {
            failures.add(String.join(" ", args) + ": exit " + exitCode + " (expected " + expected + "): " + err);
        }
    }
}
