package org.backpackbatch.cli;

import java.io.PrintWriter;
import org.backpackbatch.output.ConsoleReporter;
import org.backpackbatch.output.JsonLines;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** {@code --json} and {@code --progress}: how a command shows what it did and how far it is. */
final class Output {

    private Output() {
    }

    /** {@code --json}: one JSON object a line instead of text. */
    static final class Json {
        @Option(names = "--json", description = "One JSON object a line (JSON Lines) instead of text.")
        boolean json;
    }

    /** {@code --progress}: how a long run shows how far it is, on stderr. */
    static final class ProgressOption {

        /** What --progress takes. */
        enum Choice {
            AUTO, PLAIN, NONE
        }

        @Option(names = "--progress", defaultValue = "auto", paramLabel = "auto|plain|none",
                description = "A live bar on a terminal, a line every 10%% (plain), or nothing (default ${DEFAULT-VALUE}).")
        Choice progress;

        /** {@code auto} is a live bar on a terminal and lines elsewhere (a log, a pipe). */
        ConsoleReporter reporter(PrintWriter err) {
            return new ConsoleReporter(err, switch (progress) {
                case AUTO -> System.console() != null ? ConsoleReporter.Mode.BAR : ConsoleReporter.Mode.LINES;
                case PLAIN -> ConsoleReporter.Mode.LINES;
                case NONE -> ConsoleReporter.Mode.NONE;
            });
        }
    }

    static PrintWriter out(CommandSpec spec) {
        return spec.commandLine().getOut();
    }

    static JsonLines json(CommandSpec spec) {
        return new JsonLines(out(spec));
    }

    /** Warnings, and no progress, for commands that have no long run. */
    static ConsoleReporter warnings(CommandSpec spec) {
        return new ConsoleReporter(spec.commandLine().getErr(), ConsoleReporter.Mode.NONE);
    }
}
