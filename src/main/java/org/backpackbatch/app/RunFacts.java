package org.backpackbatch.app;

import java.util.LinkedHashMap;
import java.util.Map;
import org.backpackbatch.backup.Backup;
import org.backpackbatch.restore.Restore;
import org.backpackbatch.restore.RestoreTally;
import org.backpackbatch.store.Forget;
import org.backpackbatch.store.Snapshot;

/** What each operation's result says of the run, for its summary. */
public final class RunFacts {

    private RunFacts() {
    }

    public static ObservedRun.Facts of(Backup.Result result) {
        return of(result.snapshot());
    }

    public static ObservedRun.Facts of(Application.ImportResult result) {
        return of(result.snapshot());
    }

    /** A restore counts what it sent, by kind of request. */
    public static ObservedRun.Facts of(Restore.Result result) {
        RestoreTally tally = result.dryRun() ? result.planned() : result.sent();
        Map<String, Long> sent = new LinkedHashMap<>();
        for (RestoreTally.Request request : RestoreTally.Request.values()) {
            sent.put(request.label(), tally.count(request));
        }
        return new ObservedRun.Facts(result.snapshot().id(), sent, tally.total() - tally.count(RestoreTally.Request.READS));
    }

    public static ObservedRun.Facts of(Application.ExportResult result) {
        return new ObservedRun.Facts(result.snapshot().id(), Map.of("pages", result.pages()), 0);
    }

    /** A forget counts the snapshots it removed. */
    public static ObservedRun.Facts of(Forget.Result result) {
        return new ObservedRun.Facts(null, Map.of("snapshots removed", (long) result.removed().size()), result.freedVersions());
    }

    /** A snapshot's records by kind, and its changes since its parent. */
    static ObservedRun.Facts of(Snapshot snapshot) {
        return new ObservedRun.Facts(snapshot.id(), snapshot.counts().byName(), snapshot.changes().total());
    }
}
