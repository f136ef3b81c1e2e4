package org.backpackbatch.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.backpackbatch.api.BackpackException;
import org.backpackbatch.api.Secrets;
import org.backpackbatch.store.IntegrityFailure;
import org.backpackbatch.store.RunInterrupted;
import picocli.CommandLine;

/**
 * Turns any failure of a command into its exit code and one clear line on stderr ({@code error: },
 * or {@code interrupted: } for a run stopped on request); the stack trace only with {@code --verbose}.
 */
final class FailureReport implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {

    private final BooleanSupplier verbose;

    /** {@code verbose} is read when a failure comes: the option is parsed after this is made. */
    FailureReport(BooleanSupplier verbose) {
        this.verbose = verbose;
    }

    @Override
    public int handleExecutionException(Exception failure, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        ExitCode exitCode = exitCodeOf(failure);
        err.println((exitCode == ExitCode.INTERRUPTED ? "interrupted: " : "error: ") + messageOf(failure));
        if (verbose.getAsBoolean()) {
            StringWriter trace = new StringWriter();
            failure.printStackTrace(new PrintWriter(trace));
            err.print(Secrets.scrub(trace.toString()));
        }
        err.flush();
        return exitCode.code();
    }

    @Override
    public int handleParseException(CommandLine.ParameterException failure, String[] args) {
        PrintWriter err = failure.getCommandLine().getErr();
        err.println("error: " + usageMessageOf(failure));
        err.println("Run '" + failure.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
        err.flush();
        return ExitCode.USAGE.code();
    }

    /**
     * An unknown option is named first, with picocli's suggestion: picocli checks required options
     * before it reports what it could not match, so a mistyped {@code --acount} would otherwise come
     * out as a missing {@code --account}. A mistyped command gets its suggestion too.
     */
    private static String usageMessageOf(CommandLine.ParameterException failure) {
        CommandLine command = failure.getCommandLine();
        CommandLine.ParseResult parsed = command.getParseResult();
        CommandLine.UnmatchedArgumentException unmatched = failure instanceof CommandLine.UnmatchedArgumentException direct ? direct
                : parsed == null || parsed.unmatched().isEmpty() ? null
                : new CommandLine.UnmatchedArgumentException(command, parsed.unmatched());
        String message;
        if (unmatched != null && unmatched.isUnknownOption()) {
            message = "unknown option '" + unmatched.getUnmatched().get(0).split("=", 2)[0] + "'";
        } else if (unmatched == failure) {
            message = failure.getMessage();
        } else {
            // a stray argument beside a missing option: the missing option is the likelier mistake
            return failure.getMessage();
        }
        List<String> suggestions = unmatched.getSuggestions();
        return message + (suggestions.isEmpty() ? "" : "; did you mean " + String.join(" or ", suggestions) + "?");
    }

    static ExitCode exitCodeOf(Throwable failure) {
        if (failure instanceof RunInterrupted) {
            return ExitCode.INTERRUPTED;
        }
        if (failure instanceof UsageException || failure instanceof org.backpackbatch.store.StoreProblem
                || failure instanceof org.backpackbatch.store.NoSuchSnapshotException
                || failure instanceof org.backpackbatch.store.SnapshotSelectionException
                || failure instanceof org.backpackbatch.export.BrokenArchiveException
                || failure instanceof org.backpackbatch.store.OutputFile.Refused) {
            return ExitCode.USAGE;
        }
        // SQLite finding the file damaged, in whatever command, is an integrity failure, not a run-time one
        if (failure instanceof IntegrityFailure || IntegrityFailure.corruptionIn(failure).isPresent()) {
            return ExitCode.INTEGRITY;
        }
        if (failure instanceof BackpackException backpack) {
            return switch (backpack.kind()) {
                case AUTHENTICATION -> ExitCode.AUTHENTICATION;
                case REDIRECT_REFUSED -> ExitCode.USAGE;
                default -> ExitCode.RUN_FAILED;
            };
        }
        return ExitCode.RUN_FAILED;
    }

    static String messageOf(Throwable failure) {
        if (!(failure instanceof IntegrityFailure)) {
            // a query that met a damaged page: say so, not which SQL it was
            failure = IntegrityFailure.damaged(null, failure).<Throwable>map(damage -> damage).orElse(failure);
        }
        String message = failure.getMessage();
        if (message == null || message.isBlank()) {
            message = failure.getClass().getSimpleName();
        }
        return Secrets.scrub(message.lines().findFirst().orElse(message));
    }
}
