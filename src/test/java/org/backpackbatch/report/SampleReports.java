package org.backpackbatch.report;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.backpackbatch.store.Difference.Change;
import org.backpackbatch.store.Snapshot;
import org.backpackbatch.store.RunState;

/** Reports of made-up stores, the same on every call: what the renderer and Chromium tests look at. */
final class SampleReports {

    static final Instant AS_OF = Instant.parse("2025-06-30T06:00:00Z");
    static final String ACME = "https://acme.backpackit.com";
    /** A title holding everything that must be escaped, and an emoji. */
    static final String NASTY_TITLE = "Q3 <script>alert(\"x\")</script> & 'plans' \uD83C\uDF89";
    static final String FAILURE = "the backup of https://acme.backpackit.com stopped: Backpack answered 503 Service Unavailable for"
            + " page 4411 after 6 tries; run the same command again to resume it";

    private SampleReports() {
    }

    /** Three accounts over a month of daily backups: one with a suspect snapshot and a failed run, one interrupted, one new. */
    static StoreReport month() {
        List<SnapshotPoint> acme = daily(101, 30, new long[] {118, 860, 190, 2350, 290, 75, 36}, 7);
        acme.set(17, suspect(acme.get(17), acme.get(16)));
        acme.set(18, restored(acme.get(18), acme.get(17)));
        acme.set(23, unfinished(acme.get(23), RunState.FAILED));
        List<SnapshotPoint> family = daily(102, 30, new long[] {42, 310, 64, 720, 55, 12, 4}, 3);
        family.set(11, unfinished(family.get(11), RunState.INTERRUPTED));
        List<SnapshotPoint> fresh = daily(103, 2, new long[] {9, 31, 6, 58, 4, 0, 1}, 2);
        DiffSummary acmeDiff = new DiffSummary(acme.get(28).id(), acme.get(29).id(),
                List.of(new DiffSummary.KindChanges("page", 1, 2, 0), new DiffSummary.KindChanges("note", 4, 3, 1),
                        new DiffSummary.KindChanges("item", 9, 6, 2)),
                List.of(new DiffSummary.Example("page", Change.ADDED, "Q3 plans"),
                        new DiffSummary.Example("page", Change.CHANGED, "Office move \u2013 checklist"),
                        new DiffSummary.Example("note", Change.ADDED, "Call the landlord about the keys"),
                        new DiffSummary.Example("note", Change.REMOVED, "Old wifi password"),
                        new DiffSummary.Example("item", Change.CHANGED, "Book the van for Friday")));
        DiffSummary familyDiff = new DiffSummary(family.get(28).id(), family.get(29).id(),
                List.of(new DiffSummary.KindChanges("item", 2, 1, 0)),
                List.of(new DiffSummary.Example("item", Change.ADDED, NASTY_TITLE), new DiffSummary.Example("item", Change.ADDED, "")));
        List<AccountHistory> accounts = List.of(
                new AccountHistory(ACME, acme, List.of(new RunFailure(acme.get(23).started().plusSeconds(412), "backup", FAILURE)), acmeDiff),
                new AccountHistory("https://family.backpackit.com", family, List.of(new RunFailure(
                        family.get(11).started().plusSeconds(95), "backup", "interrupted by SIGTERM; run the same command again to resume it")),
                        familyDiff),
                new AccountHistory("https://new-office.backpackit.com", fresh, List.of(), null));
        return new StoreReport("backpack.db", 48_310_272, 402_113, AS_OF, accounts);
    }

    /**
     * Daily complete snapshots of one account from June 1st (ids interleaved with two other accounts), each
     * growing by a few records per kind and changing {@code churn} records per kind and day.
     */
    static List<SnapshotPoint> daily(long firstId, int days, long[] first, int churn) {
        String[] kinds = {"pages", "notes", "lists", "items", "tags", "separators", "emails"};
        List<SnapshotPoint> snapshots = new ArrayList<>();
        long[] counts = first.clone();
        for (int day = 0; day < days; day++) {
            Instant started = Instant.parse("2025-06-01T02:00:00Z").plus(Duration.ofDays(day + 30 - days)).plusSeconds(firstId % 100 * 60);
            Map<String, Long> records = new LinkedHashMap<>();
            long added = 0;
            long changed = 0;
            long removed = 0;
            for (int k = 0; k < kinds.length; k++) {
                long growth = day == 0 ? 0 : (day * (k + 3) + firstId) % (churn + 1);
                long gone = day == 0 ? 0 : (day * (k + 5)) % 3 == 0 && counts[k] > 0 ? 1 : 0;
                counts[k] += growth - gone;
                records.put(kinds[k], counts[k]);
                added += day == 0 ? counts[k] : growth;
                removed += gone;
                changed += day == 0 ? 0 : (day * 7 + k * 3) % (churn + 2);
            }
            snapshots.add(new SnapshotPoint(firstId + 3L * day, started, started.plusSeconds(300 + day * 7L % 90), RunState.COMPLETE,
                    false, records, added, changed, removed));
        }
        return snapshots;
    }

    /** {@code s} after an outage emptied half of the account: it removed more than half of {@code parent}'s records. */
    static SnapshotPoint suspect(SnapshotPoint s, SnapshotPoint parent) {
        Map<String, Long> records = new LinkedHashMap<>();
        parent.records().forEach((kind, count) -> records.put(kind, count * 2 / 5));
        long removed = parent.recordTotal() - records.values().stream().mapToLong(Long::longValue).sum();
        return new SnapshotPoint(s.id(), s.started(), s.finished(), s.status(), true, records, 0, 3, removed);
    }

    /** {@code s} once the records a suspect snapshot missed are back. */
    static SnapshotPoint restored(SnapshotPoint s, SnapshotPoint suspect) {
        return new SnapshotPoint(s.id(), s.started(), s.finished(), s.status(), false, s.records(),
                s.recordTotal() - suspect.recordTotal(), s.changed(), 0);
    }

    static SnapshotPoint unfinished(SnapshotPoint s, RunState status) {
        return new SnapshotPoint(s.id(), s.started(), null, status, false, Map.of(), 0, 0, 0);
    }
}
