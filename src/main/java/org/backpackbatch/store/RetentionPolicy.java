package org.backpackbatch.store;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Which snapshots of an account {@code forget} keeps, as restic decides it: the {@code last} newest
 * complete snapshots, and the newest complete snapshot of each of the last {@code daily} days
 * (likewise ISO weeks, months) that have one, by start time in UTC, the zone every time in the
 * store is written in. A snapshot kept by any rule stays. A count of 0 leaves a rule out.
 * Suspect snapshots (they removed at least half of their parent's records: an outage, an emptied
 * account) count for no rule, so a run of them never pushes the good copies out.
 * Beyond the rules: running and failed snapshots are never removed, nor the parent a running or
 * failed one resumes from, nor the newest complete snapshot (the parent of the next backup), nor
 * the newest complete snapshot that is not suspect.
 */
public record RetentionPolicy(int last, int daily, int weekly, int monthly) {

    public RetentionPolicy {
        if (last < 0 || daily < 0 || weekly < 0 || monthly < 0) {
            throw new IllegalArgumentException("a keep count cannot be negative");
        }
        if (last + daily + weekly + monthly == 0) {
            throw new IllegalArgumentException("give at least one --keep-last, --keep-daily, --keep-weekly or --keep-monthly;"
                    + " forget never removes every snapshot");
        }
    }

    /** One snapshot and why it stays; no reasons means it goes. */
    public record Decision(Snapshot snapshot, List<String> reasons) {
        public Decision {
            reasons = List.copyOf(reasons);
        }

        public boolean keep() {
            return !reasons.isEmpty();
        }
    }

    /** The decision for every snapshot of one account, in id order. */
    public List<Decision> decide(List<Snapshot> snapshotsOfOneAccount) {
        List<Snapshot> byId = snapshotsOfOneAccount.stream().sorted(Comparator.comparingLong(Snapshot::id)).toList();
        Map<Long, List<String>> reasons = new HashMap<>();
        byId.forEach(s -> reasons.put(s.id(), new ArrayList<>()));
        List<Snapshot> newestFirst = byId.stream().filter(s -> s.complete() && !s.suspect())
                .sorted(Comparator.comparing(RetentionPolicy::startedAt).thenComparingLong(Snapshot::id).reversed())
                .toList();
        newestFirst.stream().limit(last).forEach(s -> reasons.get(s.id()).add("last"));
        keepNewestPerPeriod(newestFirst, daily, "daily", time -> time.toLocalDate().toString(), reasons);
        keepNewestPerPeriod(newestFirst, weekly, "weekly",
                time -> time.get(IsoFields.WEEK_BASED_YEAR) + "-W" + time.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR), reasons);
        keepNewestPerPeriod(newestFirst, monthly, "monthly", time -> time.getYear() + "-" + time.getMonthValue(), reasons);
        Optional<Snapshot> latest = byId.stream().filter(Snapshot::complete).reduce((older, newer) -> newer);
        latest.ifPresent(s -> reasons.get(s.id()).add("latest"));
        if (latest.isPresent() && latest.get().suspect()) {
            byId.stream().filter(s -> s.complete() && !s.suspect()).reduce((older, newer) -> newer)
                    .ifPresent(s -> reasons.get(s.id()).add("newest not suspect"));
        }
        for (Snapshot snapshot : byId) {
            if (!snapshot.complete()) {
                reasons.get(snapshot.id()).add(snapshot.state().label() + ", never removed");
                // a resumed backup ends changed records' ranges at its parent: the parent must stay
                if (snapshot.parentId() != null && reasons.containsKey(snapshot.parentId())) {
                    reasons.get(snapshot.parentId()).add("parent of " + snapshot.state().label() + " snapshot " + snapshot.id());
                }
            }
        }
        return byId.stream().map(s -> new Decision(s, reasons.get(s.id()))).toList();
    }

    private static void keepNewestPerPeriod(List<Snapshot> newestFirst, int count, String rule,
            Function<ZonedDateTime, String> period, Map<Long, List<String>> reasons) {
        String lastPeriod = null;
        int left = count;
        for (Snapshot snapshot : newestFirst) {
            if (left == 0) {
                return;
            }
            String current = period.apply(startedAt(snapshot).atZone(ZoneOffset.UTC));
            if (!current.equals(lastPeriod)) {
                reasons.get(snapshot.id()).add(rule);
                lastPeriod = current;
                left--;
            }
        }
    }

    private static Instant startedAt(Snapshot snapshot) {
        try {
            return Instant.parse(snapshot.startedAt());
        } catch (DateTimeParseException e) {
            throw new IllegalStateException("snapshot " + snapshot.id() + " has an unreadable start time '" + snapshot.startedAt() + "'");
        }
    }
}
