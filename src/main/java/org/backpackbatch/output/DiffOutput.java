package org.backpackbatch.output;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.Locale;
import org.backpackbatch.store.Difference;
import org.backpackbatch.store.RecordVersion;
import org.backpackbatch.store.SnapshotDiff;

/** How {@code diff} shows what changed between two snapshots: kind by kind, or one JSON object per difference. */
public final class DiffOutput {

    /** Titles longer than this are cut in the text output (never in JSON). */
    private static final int TITLE_WIDTH = 80;

    private DiffOutput() {
    }

    /** Written out rather than formatted: numbers in ASCII digits whatever the locale (and no formatter to start). */
    public static void text(PrintWriter out, SnapshotDiff diff) {
        out.println("snapshot " + diff.from().id() + " -> " + diff.to().id() + " of " + diff.to().account() + ": "
                + diff.count(Difference.Change.ADDED) + " added, " + diff.count(Difference.Change.CHANGED) + " changed, "
                + diff.count(Difference.Change.REMOVED) + " removed");
        diff.byKind().forEach((kind, differences) -> {
            out.println(kind.storedName());
            for (Difference d : differences) {
                RecordVersion v = d.version();
                String change = label(d.change());
                out.println("  " + change + " ".repeat(Math.max(0, CHANGE_WIDTH - change.length())) + " " + v.recordId() + " "
                        + JsonLines.quoted(cut(SnapshotDiff.titleOf(v))) + where(v));
            }
        });
    }

    /** The width of the change's column ("added", "changed", "removed"). */
    private static final int CHANGE_WIDTH = 8;

    public static void json(JsonLines out, SnapshotDiff diff) {
        diff.byKind().values().forEach(differences -> differences.forEach(d -> {
            RecordVersion v = d.version();
            ObjectNode line = JsonLines.object();
            line.put("from", diff.from().id());
            line.put("to", diff.to().id());
            line.put("change", label(d.change()));
            line.put("kind", v.kind().storedName());
            line.put("id", v.recordId());
            // the account's own resources are on no page
            line.put("page", v.pageId() < 0 ? null : v.pageId());
            line.put("parent", v.parentId());
            line.put("title", SnapshotDiff.titleOf(v));
            out.write(line);
        }));
    }

    private static String label(Difference.Change change) {
        return change.name().toLowerCase(Locale.ROOT);
    }

    /** Where the record sits: its page, and its list, gallery or widget; an event its calendar, an entry or status its user. */
    private static String where(RecordVersion v) {
        String place = " (page " + v.pageId();
        return switch (v.kind()) {
            case PAGE, USER, REMINDER, CALENDAR, BOOKMARK -> "";
            case CALENDAR_EVENT -> " (calendar " + v.parentId() + ")";
            case JOURNAL_ENTRY, STATUS -> " (" + v.userName() + ")";
            case ITEM -> place + ", list " + v.parentId() + ")";
            case IMAGE -> place + ", gallery " + v.parentId() + ")";
            case BELONGING -> place + ", widget " + v.parentId() + ")";
            default -> place + ")";
        };
    }

    private static String cut(String title) {
        if (title == null) {
            return "";
        }
        return title.codePointCount(0, title.length()) <= TITLE_WIDTH ? title
                : title.substring(0, title.offsetByCodePoints(0, TITLE_WIDTH - 3)) + "...";
    }
}
