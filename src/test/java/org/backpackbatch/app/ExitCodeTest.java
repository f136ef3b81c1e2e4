package org.backpackbatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.backpackbatch.api.BackpackException;
import org.backpackbatch.batch.RunInterrupted;
import org.backpackbatch.export.BrokenArchiveException;
import org.backpackbatch.store.IntegrityFailure;
import org.backpackbatch.store.NoSuchSnapshotException;
import org.backpackbatch.store.OutputFile;
import org.backpackbatch.store.SnapshotSelectionException;
import org.backpackbatch.store.StoreProblem;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.dao.DataAccessResourceFailureException;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** The one table from a failure to the exit code cli.md documents, row by row. */
class ExitCodeTest {

    static Stream<Arguments> failures() {
        return Stream.of(
                row("usage", new UsageException("--keep-daily must be a number"), 2),
                row("a store that cannot be used", new StoreProblem("the store is from a newer version"), 2),
                row("an unknown snapshot", new NoSuchSnapshotException(7), 2),
                row("an ambiguous snapshot selection", new SnapshotSelectionException("two accounts; name one"), 2),
                row("a broken archive", new BrokenArchiveException(Path.of("a.xml"), "not XML", null), 2),
                row("an output file refused", refusedOutputFile(), 2),
                row("an integrity failure", new IntegrityFailure("note 5 does not match its hash"), 4),
                row("SQLite finding the file corrupt, however wrapped", new DataAccessResourceFailureException("query failed",
                        new SQLiteException("database disk image is malformed", SQLiteErrorCode.SQLITE_CORRUPT)), 4),
                row("SQLite finding no database", new UncheckedIOException(new IOException("open failed",
                        new SQLiteException("file is not a database", SQLiteErrorCode.SQLITE_NOTADB))), 4),
                row("SQLite busy is no damage", new DataAccessResourceFailureException("locked",
                        new SQLiteException("database is locked", SQLiteErrorCode.SQLITE_BUSY)), 1),
                row("the token refused", backpack(BackpackException.Kind.AUTHENTICATION), 3),
                row("a redirect elsewhere", backpack(BackpackException.Kind.REDIRECT_REFUSED), 2),
                row("a record not found", backpack(BackpackException.Kind.NOT_FOUND), 1),
                row("a request refused", backpack(BackpackException.Kind.REFUSED), 1),
                row("the server unavailable", backpack(BackpackException.Kind.UNAVAILABLE), 1),
                row("a create whose answer was lost", backpack(BackpackException.Kind.UNCERTAIN), 1),
                row("an answer that is not Backpack XML", backpack(BackpackException.Kind.INVALID_ANSWER), 1),
                row("a rate limit longer than accepted", backpack(BackpackException.Kind.RATE_LIMITED), 1),
                row("a run stopped on request", RunInterrupted.of("the backup of acme", 3, 10, "run the same command again"), 143),
                row("anything else", new IllegalStateException("disk full"), 1));
    }

    @ParameterizedTest(name = "{0}: exit {2}")
    @MethodSource("failures")
    void everyKindOfFailureHasItsExitCode(String what, Throwable failure, int exitCode) {
        assertThat(ExitCode.of(failure).code()).isEqualTo(exitCode);
    }

    @ParameterizedTest(name = "every BackpackException kind is in the table: {0}")
    @MethodSource("kinds")
    void everyBackpackKindIsARowAbove(BackpackException.Kind kind) {
        assertThat(failures().map(arguments -> arguments.get()[1]))
                .anyMatch(failure -> failure instanceof BackpackException backpack && backpack.kind() == kind);
    }

    static Stream<BackpackException.Kind> kinds() {
        return Stream.of(BackpackException.Kind.values());
    }

    private static Arguments row(String what, Throwable failure, int exitCode) {
        return Arguments.of(what, failure, exitCode);
    }

    private static BackpackException backpack(BackpackException.Kind kind) {
        return new BackpackException(kind, "http://127.0.0.1/acme/ws/pages/all failed");
    }

    private static Throwable refusedOutputFile() {
        Throwable refused = catchThrowable(() -> OutputFile.at(Path.of("/nonexistent-folder-of-this-test/out.db")).realPath());
        assertThat(refused).isInstanceOf(OutputFile.Refused.class);
        return refused;
    }
}
