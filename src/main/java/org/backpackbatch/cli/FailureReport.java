package org.backpackbatch.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.backpackbatch.api.Secrets;
import org.backpackbatch.app.ExitCode;
import org.backpackbatch.app.ErrorLine;
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
        ExitCode exitCode = ExitCode.of(failure);
        err.println((exitCode == ExitCode.INTERRUPTED ? "interrupted: " : "error: ") + ErrorLine.of(failure));
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
        // one line, as for every failure; where it helps, it points at the command's help
        String help = failure instanceof CommandLine.UnmatchedArgumentException || failure instanceof CommandLine.MissingParameterException
                ? " (see '" + failure.getCommandLine().getCommandSpec().qualifiedName() + " --help')" : "";
        err.println("error: " + usageMessageOf(failure) + help);
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
}
