package org.backpackbatch.output;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.function.Consumer;
import org.backpackbatch.app.Application;
import org.backpackbatch.store.StoreLocation;
import org.backpackbatch.store.StoreVerifier;

/** How {@code verify} shows its problems as they are found, and its verdict. */
public final class VerifyOutput {

    /** Problems printed one a line in text; the rest are counted. */
    public static final int SHOWN_PROBLEMS = 20;

    private VerifyOutput() {
    }

    /** Where problems go in text: the first few a line each. */
    public static Consumer<String> textProblems(PrintWriter out) {
        int[] shown = {0};
        return problem -> {
            if (shown[0]++ < SHOWN_PROBLEMS) {
                out.println(problem);
            }
        };
    }

    /** After a failed verify: how many problems were not shown. */
    public static void textMore(PrintWriter out, long problems) {
        if (problems > SHOWN_PROBLEMS) {
            out.println("... and " + (problems - SHOWN_PROBLEMS) + " more");
        }
    }

    public static void text(PrintWriter out, StoreLocation store, Long snapshot, Application.VerifyResult result) {
        StoreVerifier.Summary summary = result.summary();
        String snapshots = snapshot != null ? "snapshot " + snapshot + " is whole and consistent"
                : summary.snapshots().size() + " complete snapshot" + (summary.snapshots().size() == 1 ? " is" : "s are")
                        + " whole and consistent";
        // written out rather than formatted: numbers in ASCII digits whatever the locale (and no formatter to start)
        out.println("OK: " + store + " " + summary.databaseCheck() + "; " + summary.versions() + " versions match their hashes and ranges; "
                + snapshots);
        if (result.restoreTest() != null) {
            out.println("OK: snapshot " + result.restoreTested() + " restores: restored into an empty emulator account and backed up again,"
                    + " its " + result.restoreTest().pagesCompared() + " pages are equal, ignoring ids and timestamps (galleries,"
                    + " attachments and emails, which the API cannot recreate, not compared)");
        }
    }

    /** In JSON every problem is a line of its own. */
    public static Consumer<String> jsonProblems(JsonLines out) {
        return problem -> {
            ObjectNode line = JsonLines.object();
            line.put("problem", problem);
            out.write(line);
        };
    }

    public static void json(JsonLines out, Application.VerifyResult result) {
        StoreVerifier.Summary summary = result.summary();
        ObjectNode line = JsonLines.object();
        line.put("ok", summary.problems() == 0);
        line.put("database_check", summary.databaseCheck());
        line.put("versions", summary.versions());
        ArrayNode snapshots = line.putArray("snapshots");
        summary.snapshots().forEach(snapshots::add);
        line.put("problems", summary.problems());
        if (result.restoreTest() != null) {
            line.put("restore_tested", result.restoreTested());
            line.put("restore_test_pages", result.restoreTest().pagesCompared());
        }
        out.write(line);
    }
}
