package org.backpackbatch.store;

import java.util.List;

/**
 * Which snapshot a command means, chosen the same way by every command that reads one (restore,
 * export): the one named by id, which must be complete; else the latest complete snapshot of the
 * account the command is about, if it has one; else that of the store's only account.
 */
public final class SnapshotSelector {

    private SnapshotSelector() {
    }

    /** {@code account} may be null; {@code purpose} names what the snapshot is for ("restore", "export"). */
    public static Snapshot complete(SnapshotStore store, Long id, String account, String purpose) {
        if (id != null) {
            Snapshot snapshot = store.snapshot(id);
            if (!snapshot.complete()) {
                throw new SnapshotSelectionException("snapshot " + id + " is " + snapshot.state().label() + ", not complete; " + purpose
                        + " needs a complete snapshot (run the backup again to complete it)");
            }
            return snapshot;
        }
        if (account != null) {
            var latest = store.latestComplete(account);
            if (latest.isPresent()) {
                return latest.get();
            }
        }
        List<String> accounts = store.snapshots(null).stream().filter(Snapshot::complete).map(Snapshot::account).distinct().sorted().toList();
        if (accounts.isEmpty()) {
            throw new SnapshotSelectionException("the store has no complete snapshot to " + purpose + "; a backup takes one");
        }
        if (accounts.size() > 1) {
            throw new SnapshotSelectionException("the store holds snapshots of " + accounts.size() + " accounts ("
                    + String.join(", ", accounts) + "); name the one to " + purpose + " with --snapshot ID");
        }
        return store.latestComplete(accounts.get(0)).orElseThrow();
    }
}
