package org.backpackbatch.output;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.Locale;
import org.backpackbatch.restore.Restore;
import org.backpackbatch.restore.RestoreTally;
import org.backpackbatch.store.Snapshot;

/** How {@code restore} reports a run (or its plan, for a dry run): requests by kind and what was not restored. */
public final class RestoreOutput {

    private RestoreOutput() {
    }

    public static void text(PrintWriter out, Restore.Result result) {
        Snapshot snapshot = result.snapshot();
        boolean dryRun = result.dryRun();
        RestoreTally tally = tally(result);
        out.printf(Locale.ROOT, "%s snapshot %d of %s %s%n", dryRun ? "plan to restore" : "restored" + (result.resumed() ? " (resumed)" : ""),
                snapshot.id(), snapshot.account(), what(result, tally));
        for (RestoreTally.Request request : RestoreTally.Request.values()) {
            long count = tally.count(request);
            if (count > 0 || !dryRun) {
                out.printf(Locale.ROOT, "  %-24s %d%n", request.label(), count);
            }
        }
        out.printf(Locale.ROOT, "  %-24s %d%n", dryRun ? "requests planned" : "requests sent", dryRun ? tally.total() : result.requests());
        if (!result.unrestorable().isEmpty()) {
            out.println(dryRun ? "will not be restored:" : "not restored:");
            result.unrestorable().forEach(line -> out.println("  " + line));
        }
    }

    public static void json(JsonLines out, Restore.Result result) {
        RestoreTally tally = tally(result);
        ObjectNode line = JsonLines.object();
        line.put("snapshot", result.snapshot().id());
        line.put("account", result.snapshot().account());
        line.put("dry_run", result.dryRun());
        line.put("same_account", result.sameAccount());
        line.put("resumed", result.resumed());
        ObjectNode requests = line.putObject(result.dryRun() ? "planned" : "sent");
        for (RestoreTally.Request request : RestoreTally.Request.values()) {
            requests.put(request.label(), tally.count(request));
        }
        line.put("requests", result.dryRun() ? tally.total() : result.requests());
        ArrayNode notRestored = line.putArray("not_restored");
        result.unrestorable().forEach(notRestored::add);
        out.write(line);
    }

    private static RestoreTally tally(Restore.Result result) {
        return result.dryRun() ? result.planned() : result.sent();
    }

    /** Where the snapshot goes and what that meant; a run that changed nothing says so instead of promising a replay. */
    private static String what(Restore.Result result, RestoreTally tally) {
        String into = result.sameAccount() ? "into the account it was taken from" : "into another account";
        if (tally.total() - tally.count(RestoreTally.Request.READS) == 0) {
            String why = result.sameAccount() ? "everything it can restore is still there"
                    : "an earlier restore already created everything it can";
            return into + ": nothing " + (result.dryRun() ? "is" : "was") + " left to do (" + why + ")";
        }
        return into + (result.sameAccount() ? ": only what no longer exists there is recreated" : ": everything is replayed");
    }
}
