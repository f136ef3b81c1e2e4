package org.backpackbatch.output;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.Locale;
import org.backpackbatch.app.Application;
import org.backpackbatch.backup.Backup;
import org.backpackbatch.store.Snapshot;

/** How {@code backup} and {@code import} show the snapshot they completed. */
public final class BackupOutput {

    private BackupOutput() {
    }

    public static void text(PrintWriter out, Backup.Result result) {
        Snapshot snapshot = result.snapshot();
        out.printf(Locale.ROOT, "snapshot %d of %s complete%s%n", snapshot.id(), snapshot.account(), result.resumed() ? " (resumed)" : "");
        SnapshotSummary.print(out, snapshot);
        out.printf(Locale.ROOT, "  %d request%s in %.1f s%n", result.requests(), result.requests() == 1 ? "" : "s",
                result.elapsed().toMillis() / 1000.0);
    }

    public static void json(JsonLines out, Backup.Result result) {
        ObjectNode line = SnapshotsOutput.json(result.snapshot());
        line.put("resumed", result.resumed());
        line.put("requests_of_this_run", result.requests());
        line.put("seconds", result.elapsed().toMillis() / 1000.0);
        out.write(line);
    }

    public static void text(PrintWriter out, Application.ImportResult result) {
        Snapshot snapshot = result.snapshot();
        out.printf(Locale.ROOT, "snapshot %d of %s imported from %s%n", snapshot.id(), snapshot.account(), result.archive());
        SnapshotSummary.print(out, snapshot);
        out.printf(Locale.ROOT, "  in %.1f s%n", result.elapsed().toMillis() / 1000.0);
    }

    public static void json(JsonLines out, Application.ImportResult result) {
        ObjectNode line = SnapshotsOutput.json(result.snapshot());
        line.put("archive", result.archive().toString());
        line.put("seconds", result.elapsed().toMillis() / 1000.0);
        out.write(line);
    }
}
