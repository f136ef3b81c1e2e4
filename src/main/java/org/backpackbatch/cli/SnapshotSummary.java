package org.backpackbatch.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Optional;
import org.backpackbatch.store.Snapshot;
import org.backpackbatch.store.SnapshotStore;

/** What {@code backup} and {@code import} say about the snapshot they completed. */
final class SnapshotSummary {

    private SnapshotSummary() {
    }

    /** The snapshot's counts, its changes since its parent, and the pages that vanished while it was taken. */
    static void print(PrintWriter out, Snapshot snapshot) {
        Snapshot.Counts counts = snapshot.counts();
        out.printf("  %d pages, %d notes, %d lists, %d items, %d tags, %d separators, %d emails%n", counts.pages(),
                counts.notes(), counts.lists(), counts.items(), counts.tags(), counts.separators(), counts.emails());
        Snapshot.Changes changes = snapshot.changes();
        out.printf("  %d records changed since the previous snapshot (%d added, %d changed, %d removed)%n",
                changes.total(), changes.added(), changes.changed(), changes.removed());
        if (snapshot.vanished() > 0) {
            out.printf("  %d page%s vanished during the backup%n", snapshot.vanished(), snapshot.vanished() == 1 ? "" : "s");
        }
    }

    /** The warning a suspect snapshot gets: what it removed, and what that means for forget. */
    static Optional<String> suspectWarning(SnapshotStore store, Snapshot snapshot) {
        if (!snapshot.suspect()) {
            return Optional.empty();
        }
        Snapshot parent = store.snapshot(snapshot.parentId());
        return Optional.of(String.format(Locale.ROOT, "warning: snapshot %d removed %d of the %d records of snapshot %d (pages: %d"
                + " before, %d now): an outage or an emptied account? It is marked suspect: forget does not count it toward"
                + " --keep-* and keeps the newest snapshot that is not suspect", snapshot.id(), snapshot.changes().removed(),
                store.recordCount(parent.id()), parent.id(), parent.counts().pages(), snapshot.counts().pages()));
    }
}
