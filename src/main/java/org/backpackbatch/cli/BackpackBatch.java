package org.backpackbatch.cli;

import java.io.PrintWriter;
import org.backpackbatch.app.Application;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The program: one subcommand a capability, each in its own class, over one {@link Application}. */
@Command(
        name = "backpack-batch",
        mixinStandardHelpOptions = true,
        scope = ScopeType.INHERIT,
        versionProvider = org.backpackbatch.Version.class,
        description = "Backs up, restores and exports Backpack accounts.",
        subcommands = {DemoCommand.class, EmulatorCommand.class, BackupCommand.class, SnapshotsCommand.class, DiffCommand.class,
                VerifyCommand.class, ForgetCommand.class, RestoreCommand.class, ExportCommand.class, ImportCommand.class,
                ReportCommand.class, ScheduleCommand.class, StatusCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Exit codes: 0 success, 1 run failed (re-run to resume), 2 usage or",
                "configuration error, 3 the server refused the token, 4 integrity failure,",
                "130 / 143 interrupted by SIGINT / SIGTERM (re-run to resume).",
                "", "Log lines go to stderr; BACKPACK_LOG_LEVEL sets how many (default INFO)."})
public final class BackpackBatch implements Runnable {

    private final Application application;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "On a failure, print its stack trace after the error line.")
    private boolean verbose;

    private BackpackBatch(Application application) {
        this.application = application;
    }

    Application application() {
        return application;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        // G1 commits a 64th of the machine's memory at start and fills it before its first collection: a collection
        // now gives that back, and the heap grows from what the run keeps alive (-Xms, if given, stays the floor)
        System.gc();
        System.exit(execute(args));
    }

    /** Runs the program as {@code main} would and returns its exit code. */
    public static int execute(String... args) {
        return execute(Application.ofProcess(), new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** As {@link #execute(String...)}, writing to {@code out} and {@code err} instead of the console (for tests). */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        return execute(Application.ofProcess(), out, err, args);
    }

    /** The program's command line over {@code application}, every command in it. */
    public static CommandLine commandLine(Application application) {
        return new CommandLine(new BackpackBatch(application)).setCaseInsensitiveEnumValuesAllowed(true);
    }

    /** Runs the program over {@code application}, writing to {@code out} and {@code err}. */
    public static int execute(Application application, PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = commandLine(application).setOut(out).setErr(err);
        BackpackBatch program = commandLine.getCommand();
        FailureReport report = new FailureReport(() -> program.verbose);
        // the hook waits for the whole run, the report of its interruption included
        try (StopOnSignal stopOnSignal = new StopOnSignal()) {
            return commandLine
                    .setExecutionStrategy(parsed -> {
                        stopOnSignal.installFor(parsed);
                        return new CommandLine.RunLast().execute(parsed);
                    })
                    .setExecutionExceptionHandler(report)
                    .setParameterExceptionHandler(report)
                    .execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }
}
