package org.backpackbatch.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import org.backpackbatch.app.Application;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The program: one subcommand a capability, each in its own class, over one {@link Application}. */
@Command(
        name = "backpack-batch",
        mixinStandardHelpOptions = true,
        scope = ScopeType.INHERIT,
        versionProvider = org.backpackbatch.Version.class,
        description = "Backs up, restores and exports Backpack accounts.",
        footer = {"", "Exit codes: 0 success, 1 run failed (re-run to resume), 2 usage or",
                "configuration error, 3 the server refused the token, 4 integrity failure,",
                "130 / 143 interrupted by SIGINT / SIGTERM (re-run to resume).",
                "", "Log lines go to stderr; BACKPACK_LOG_LEVEL sets how many (default INFO)."})
public final class BackpackBatch implements Runnable {

    /** Every command, in the order the help lists them. */
    private static final List<Class<?>> COMMANDS = List.of(DemoCommand.class, EmulatorCommand.class, BackupCommand.class,
            SnapshotsCommand.class, DiffCommand.class, VerifyCommand.class, ForgetCommand.class, RestoreCommand.class,
            ExportCommand.class, ImportCommand.class, ReportCommand.class, ScheduleCommand.class, StatusCommand.class, CommandLine.HelpCommand.class);

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
        // picocli would look for Groovy's closures on the whole class path, which costs start-up: this program has none
        System.setProperty("picocli.disable.closures", "true");
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
        return commandLine(application, command -> true, true);
    }

    /**
     * The program's command line with what {@code args} need: the commands they name, built in full
     * (their options read from their classes), and, when they name none but {@code help} (the
     * program's help or version, a mistyped command), every other command as its name and
     * description, which is all the help and picocli's suggestions use. Building every command in
     * full would cost each run about 0.1 s of start-up.
     */
    static CommandLine commandLine(Application application, String... args) {
        List<String> named = Arrays.asList(args);
        boolean listAll = COMMANDS.stream().noneMatch(command -> command != CommandLine.HelpCommand.class && named.contains(nameOf(command)));
        return commandLine(application, command -> named.contains(nameOf(command)), listAll);
    }

    private static CommandLine commandLine(Application application, Predicate<Class<?>> inFull, boolean listAll) {
        CommandLine program = new CommandLine(new BackpackBatch(application));
        for (Class<?> command : COMMANDS) {
            if (inFull.test(command)) {
                program.addSubcommand(command);
            } else if (listAll) {
                Command declared = command.getAnnotation(Command.class);
                CommandSpec listed = CommandSpec.create().name(declared.name());
                listed.usageMessage().header(declared.header()).description(declared.description());
                program.addSubcommand(new CommandLine(listed));
            }
        }
        return program.setCaseInsensitiveEnumValuesAllowed(true);
    }

    private static String nameOf(Class<?> command) {
        return command.getAnnotation(Command.class).name();
    }

    /** Runs the program over {@code application}, writing to {@code out} and {@code err}. */
    public static int execute(Application application, PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = commandLine(application, args).setOut(out).setErr(err);
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
