package org.backpackbatch.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The program: one subcommand a capability, each in its own class. */
@Command(
        name = "backpack-batch",
        mixinStandardHelpOptions = true,
        versionProvider = org.backpackbatch.Version.class,
        description = "Backs up, restores and exports Backpack accounts.",
        subcommands = {DemoCommand.class, EmulatorCommand.class, BackupCommand.class, SnapshotsCommand.class, DiffCommand.class,
                VerifyCommand.class, ForgetCommand.class, RestoreCommand.class, ExportCommand.class, ImportCommand.class,
                ScheduleCommand.class},
        footer = {"", "Exit codes: 0 success, 1 run failed (re-run to resume), 2 usage or configuration error,",
                "3 the server refused the token, 4 integrity failure."})
public final class BackpackBatch implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the program as {@code main} would and returns its exit code (for tests and the demo). */
    public static int execute(String... args) {
        return executeOn(new CommandLine(new BackpackBatch()), args);
    }

    /** As {@link #execute(String...)}, writing to {@code out} and {@code err} instead of the console. */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        return executeOn(new CommandLine(new BackpackBatch()).setOut(out).setErr(err), args);
    }

    private static int executeOn(CommandLine commandLine, String[] args) {
        boolean verbose = Arrays.asList(args).contains("--verbose");
        String[] rest = Arrays.stream(args).filter(arg -> !arg.equals("--verbose")).toArray(String[]::new);
        FailureReport report = new FailureReport(verbose);
        return commandLine
                .setExecutionExceptionHandler(report)
                .setParameterExceptionHandler(report)
                .execute(rest);
    }
}
