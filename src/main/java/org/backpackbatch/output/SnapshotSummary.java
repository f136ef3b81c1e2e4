package org.backpackbatch.output;

import java.io.PrintWriter;
import java.util.Locale;
import org.backpackbatch.store.Snapshot;

/** What {@code backup} and {@code import} say about the snapshot they completed. */
final class SnapshotSummary {

    private SnapshotSummary() {
    }

    /** The snapshot's counts, its changes since its parent, and the pages that vanished while it was taken. */
    static void print(PrintWriter out, Snapshot snapshot) {
        Snapshot.Counts counts = snapshot.counts();
        out.printf(Locale.ROOT, "  %d pages, %d notes, %d lists, %d items, %d tags, %d separators, %d emails%n", counts.pages(),
                counts.notes(), counts.lists(), counts.items(), counts.tags(), counts.separators(), counts.emails());
        if (!snapshot.include().accountResources().isEmpty()) {
            out.printf(Locale.ROOT, "  %d users, %d reminders, %d journal entries, %d statuses, %d calendars, %d events, %d bookmarks%n",
                    counts.users(), counts.reminders(), counts.journalEntries(), counts.statuses(), counts.calendars(),
                    counts.calendarEvents(), counts.bookmarks());
        }
        Snapshot.Changes changes = snapshot.changes();
        out.printf(Locale.ROOT, "  %d records changed since the previous snapshot (%d added, %d changed, %d removed)%n",
                changes.total(), changes.added(), changes.changed(), changes.removed());
        if (snapshot.vanished() > 0) {
            out.printf(Locale.ROOT, "  %d page%s vanished during the backup%n", snapshot.vanished(), snapshot.vanished() == 1 ? "" : "s");
        }
    }
}
