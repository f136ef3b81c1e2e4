package org.backpackbatch.export;

import java.util.List;
import org.backpackbatch.store.Snapshot;
import org.backpackbatch.store.SnapshotSelectionException;
import org.backpackbatch.store.SnapshotStore;

/** Which snapshot an export writes: the one named by id, else the latest complete one of the store's only account. */
public final class SnapshotToExport {

    private SnapshotToExport() {
    }

    public static Snapshot choose(SnapshotStore store, Long snapshotId) {
        if (snapshotId != null) {
            return store.snapshot(snapshotId);
        }
        List<Snapshot> complete = store.snapshots(null).stream().filter(Snapshot::complete).toList();
        if (complete.isEmpty()) {
            throw new SnapshotSelectionException("the store has no complete snapshot to export; a backup takes one");
        }
        List<String> accounts = complete.stream().map(Snapshot::account).distinct().sorted().toList();
        if (accounts.size() > 1) {
            throw new SnapshotSelectionException("the store holds snapshots of " + accounts.size() + " accounts ("
                    + String.join(", ", accounts) + "); name the one to export with --snapshot ID");
        }
        return complete.get(complete.size() - 1);
    }
}
