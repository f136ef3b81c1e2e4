package org.backpackbatch.output;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;
import org.backpackbatch.store.Snapshot;

/** How {@code snapshots} shows a store's snapshots: a table, or one JSON object each. */
public final class SnapshotsOutput {

    /** The status column fits the longest status, 'interrupted'. */
    private static final String COLUMNS = "%-11s %-20s %-20s %5s %5s %5s %6s %5s %5s %6s %6s %7s %7s %-7s  %s";

    private SnapshotsOutput() {
    }

    /** {@code where} names what was listed when there is nothing: "in STORE", "of URL in STORE". */
    public static void text(PrintWriter out, List<Snapshot> snapshots, String where) {
        if (snapshots.isEmpty()) {
            out.println("no snapshots " + where);
            return;
        }
        int idWidth = Math.max(2, snapshots.stream().mapToInt(s -> Long.toString(s.id()).length()).max().orElse(2));
        out.printf("%" + idWidth + "s " + COLUMNS + "%n", "ID", "STATUS", "STARTED", "FINISHED", "PAGES", "NOTES",
                "LISTS", "ITEMS", "TAGS", "SEPS", "EMAILS", "ADDED", "CHANGED", "REMOVED", "SUSPECT", "ACCOUNT");
        for (Snapshot s : snapshots) {
            Snapshot.Counts c = s.counts();
            out.printf("%" + idWidth + "d " + COLUMNS + "%n", s.id(), s.state().label(), s.startedAt(),
                    s.finishedAt() == null ? "-" : s.finishedAt(), c.pages(), c.notes(), c.lists(), c.items(), c.tags(),
                    c.separators(), c.emails(), s.changes().added(), s.changes().changed(), s.changes().removed(),
                    s.suspect() ? "yes" : "-", s.account());
        }
    }

    public static void json(JsonLines out, List<Snapshot> snapshots) {
        snapshots.forEach(snapshot -> out.write(json(snapshot)));
    }

    static ObjectNode json(Snapshot s) {
        ObjectNode line = JsonLines.object();
        line.put("id", s.id());
        line.put("account", s.account());
        line.put("parent", s.parentId());
        line.put("origin", s.origin().label());
        line.put("status", s.state().label());
        line.put("include", s.include().storedName());
        line.put("started", s.startedAt());
        line.put("finished", s.finishedAt());
        line.set("counts", counts(s.counts()));
        line.set("changes", changes(s.changes()));
        line.put("requests", s.requests());
        line.put("suspect", s.suspect());
        line.put("vanished", s.vanished());
        return line;
    }

    static ObjectNode counts(Snapshot.Counts c) {
        ObjectNode counts = JsonLines.object();
        c.byKind().forEach(counts::put);
        return counts;
    }

    static ObjectNode changes(Snapshot.Changes c) {
        ObjectNode changes = JsonLines.object();
        changes.put("added", c.added());
        changes.put("changed", c.changed());
        changes.put("removed", c.removed());
        return changes;
    }
}
