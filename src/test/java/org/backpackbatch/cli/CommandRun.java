package org.backpackbatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

/** What one in-process run of the program wrote and returned. */
record CommandRun(int exitCode, String out, String err) {

    static CommandRun run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = BackpackBatch.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new CommandRun(exitCode, out.toString(), err.toString());
    }

    List<String> outLines() {
        return out.lines().toList();
    }

    /** Failed with this exit code and one {@code error:} line that mentions the text, and no stack trace. */
    CommandRun failsWith(int expectedExitCode, String mentioning) {
        assertThat(exitCode).as("exit code; out: %s err: %s", out, err).isEqualTo(expectedExitCode);
        assertThat(err.lines().filter(line -> line.startsWith("error: ")).toList()).as(err).singleElement().asString().contains(mentioning);
        assertThat(err).doesNotContain("\tat ", "Exception");
        return this;
    }

    CommandRun succeeds() {
        assertThat(exitCode).as("exit code; out: %s err: %s", out, err).isZero();
        return this;
    }
}
