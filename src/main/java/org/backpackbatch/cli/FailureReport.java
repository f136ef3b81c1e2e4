package org.backpackbatch.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.backpackbatch.api.BackpackException;
import org.backpackbatch.api.Secrets;
import org.backpackbatch.store.IntegrityFailure;
import picocli.CommandLine;

/**
 * Turns any failure of a command into its exit code and one clear line on stderr; the stack
 * trace only with {@code --verbose}.
 */
final class FailureReport implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {

    private final boolean verbose;

    FailureReport(boolean verbose) {
        this.verbose = verbose;
    }

    @Override
    public int handleExecutionException(Exception failure, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        ExitCode exitCode = exitCodeOf(failure);
        err.println("error: " + messageOf(failure));
        if (verbose) {
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
        err.println("error: " + failure.getMessage());
        err.println("Run '" + failure.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
        err.flush();
        return ExitCode.USAGE.code();
    }

    static ExitCode exitCodeOf(Throwable failure) {
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
