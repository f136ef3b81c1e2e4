package org.backpackbatch.output;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.backpackbatch.store.Snapshot;

/** How {@code snapshots} shows a store's snapshots: a table, or one JSON object each. */
public final class SnapshotsOutput {

    /** The status column fits the longest status, 'interrupted'. */
    private static final String BEFORE_COUNTS = "%-11s %-20s %-20s";
    private static final String AFTER_COUNTS = " %7s %7s %7s %-7s  %s";
    /** The table's heading of each count (by its name in {@link Snapshot.Counts#byName()}), as wide as its column. */
    private static final Map<String, String> COUNT_HEADINGS = headings();

    private SnapshotsOutput() {
    }

    private static Map<String, String> headings() {
        Map<String, String> headings = new LinkedHashMap<>();
        headings.put("pages", "PAGES");
        headings.put("notes", "NOTES");
        headings.put("lists", "LISTS");
        headings.put("items", " ITEMS");
        headings.put("tags", " TAGS");
        headings.put("separators", " SEPS");
        headings.put("emails", "EMAILS");
        headings.put("users", "USERS");
        headings.put("reminders", "REMIND");
        headings.put("journal_entries", "JOURNAL");
        headings.put("statuses", "STATUS");
        headings.put("calendars", "CALS");
        headings.put("calendar_events", "EVENTS");
        headings.put("bookmarks", "BOOKM");
        return headings;
    }

    /** {@code where} names what was listed when there is nothing: "in STORE", "of URL in STORE". */
    public static void text(PrintWriter out, List<Snapshot> snapshots, String where) {
        if (snapshots.isEmpty()) {
            out.println("no snapshots " + where);
            return;
        }
        int idWidth = Math.max(2, snapshots.stream().mapToInt(s -> Long.toString(s.id()).length()).max().orElse(2));
        String columns = "%" + idWidth + "s " + BEFORE_COUNTS
                + COUNT_HEADINGS.values().stream().map(heading -> " %" + heading.length() + "s").collect(Collectors.joining())
                + AFTER_COUNTS + "%n";
        List<Object> heading = new ArrayList<>(List.of("ID", "STATUS", "STARTED", "FINISHED"));
        heading.addAll(COUNT_HEADINGS.values());
        heading.addAll(List.of("ADDED", "CHANGED", "REMOVED", "SUSPECT", "ACCOUNT"));
        out.printf(columns, heading.toArray());
        for (Snapshot s : snapshots) {
            List<Object> row = new ArrayList<>(List.of(s.id(), s.state().label(), s.startedAt(), s.finishedAt() == null ? "-" : s.finishedAt()));
            Map<String, Long> counts = s.counts().byName();
            COUNT_HEADINGS.keySet().forEach(name -> row.add(counts.get(name)));
            row.addAll(List.of(s.changes().added(), s.changes().changed(), s.changes().removed(), s.suspect() ? "yes" : "-", s.account()));
            out.printf(columns, row.toArray());
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
        c.byName().forEach(counts::put);
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
