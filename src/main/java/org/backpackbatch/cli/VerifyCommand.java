package org.backpackbatch.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.backpackbatch.store.IntegrityFailure;
import org.backpackbatch.store.StoreSession;
import org.backpackbatch.store.StoreVerifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "verify", mixinStandardHelpOptions = true, versionProvider = org.backpackbatch.Version.class,
        description = {"Checks the store and its snapshots; exit 4 on any problem, naming each.",
                "SQLite's own integrity check, every stored record against its content hash and its range of snapshots,"
                        + " and every complete snapshot as a whole: each record has its page, each widget its belonging,"
                        + " each item its list, and the counts match."})
final class VerifyCommand implements Callable<Integer> {

    /** Problems printed one a line; the rest are counted. */
    static final int SHOWN_PROBLEMS = 20;

    @Spec
    private CommandSpec spec;

    @Option(names = "--db", required = true, paramLabel = "FILE", description = "The snapshot store (SQLite).")
    private Path db;

    @Option(names = "--snapshot", paramLabel = "ID", description = "Check only this snapshot (complete or not) besides the whole file.")
    private Long snapshot;

    private int shown;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        StoreVerifier.Summary summary;
        try (StoreSession session = StoreSession.open(db, false, false)) {
            summary = StoreVerifier.verify(session, snapshot, problem -> {
                // the verifier counts every problem; the first few are named
                if (shown < SHOWN_PROBLEMS) {
                    out.println(problem);
                    shown++;
                }
            });
        }
        if (summary.problems() > 0) {
            if (summary.problems() > shown) {
                out.println("... and " + (summary.problems() - shown) + " more");
            }
            out.flush();
            throw new IntegrityFailure("verify found " + summary.problems() + " problem" + (summary.problems() == 1 ? "" : "s")
                    + " in " + db);
        }
        out.printf("OK: %s passes SQLite's integrity check; %d versions match their hashes and ranges; %s%n", db, summary.versions(),
                snapshots(summary));
        out.flush();
        return ExitCode.SUCCESS.code();
    }

    private String snapshots(StoreVerifier.Summary summary) {
        if (snapshot != null) {
            return "snapshot " + snapshot + " is whole and consistent";
        }
        return summary.snapshots().size() + " complete snapshot" + (summary.snapshots().size() == 1 ? " is" : "s are") + " whole and consistent";
    }
}
