package org.backpackbatch.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Which snapshots {@code forget} keeps: restic's rules, per account, with the store's own guarantees on top. */
class RetentionPolicyTest {

    private final List<Snapshot> snapshots = new ArrayList<>();

    private RetentionPolicyTest snapshot(RunState status, String startedAt) {
        return snapshot(status, startedAt, snapshots.isEmpty() ? null : (long) snapshots.size());
    }

    private RetentionPolicyTest snapshot(RunState status, String startedAt, Long parent) {
        return add(status, startedAt, parent, false);
    }

    private RetentionPolicyTest add(RunState status, String startedAt, Long parent, boolean suspect) {
        long id = snapshots.size() + 1;
        snapshots.add(new Snapshot(id, "https://acme.example", parent, Snapshot.Origin.BACKUP, status, Include.ALL, startedAt, null,
                new Snapshot.Counts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), new Snapshot.Changes(0, 0, 0), 0, suspect, 0));
        return this;
    }

    private RetentionPolicyTest complete(String startedAt) {
        return snapshot(RunState.COMPLETE, startedAt);
    }

    /** A complete snapshot that removed at least half of its parent's records. */
    private RetentionPolicyTest suspect(String startedAt) {
        return add(RunState.COMPLETE, startedAt, (long) snapshots.size(), true);
    }

    /** The ids kept, each with its reasons. */
    private Map<Long, List<String>> kept(RetentionPolicy policy) {
        return policy.decide(snapshots).stream().filter(RetentionPolicy.Decision::keep)
                .collect(Collectors.toMap(d -> d.snapshot().id(), RetentionPolicy.Decision::reasons));
    }

    @Test
    void keepLastKeepsTheNewestCompleteSnapshots() {
        complete("2026-01-01T10:00:00Z").complete("2026-01-02T10:00:00Z").complete("2026-01-03T10:00:00Z").complete("2026-01-04T10:00:00Z");

        assertThat(kept(new RetentionPolicy(2, 0, 0, 0))).containsOnlyKeys(3L, 4L)
                .containsEntry(4L, List.of("last", "latest")).containsEntry(3L, List.of("last"));
    }

    @Test
    void keepDailyKeepsTheNewestOfEachOfTheLastDaysThatHaveSnapshots() {
        complete("2026-01-01T10:00:00Z").complete("2026-01-01T18:00:00Z")
                .complete("2026-01-05T09:00:00Z").complete("2026-01-05T23:59:59Z")
                .complete("2026-01-09T00:00:00Z");

        assertThat(kept(new RetentionPolicy(0, 2, 0, 0))).containsOnlyKeys(4L, 5L);
        assertThat(kept(new RetentionPolicy(0, 3, 0, 0))).containsOnlyKeys(2L, 4L, 5L);
        assertThat(kept(new RetentionPolicy(0, 10, 0, 0))).containsOnlyKeys(2L, 4L, 5L);
    }

    @Test
    void keepWeeklyGoesByIsoWeeksAcrossTheTurnOfTheYear() {
        // 2026-12-28 (Mon) to 2027-01-03 (Sun) is ISO week 2026-W53; 2027-01-04 starts 2027-W01
        complete("2026-12-20T12:00:00Z").complete("2026-12-29T12:00:00Z").complete("2027-01-03T12:00:00Z").complete("2027-01-04T12:00:00Z");

        assertThat(kept(new RetentionPolicy(0, 0, 2, 0))).containsOnlyKeys(3L, 4L);
        assertThat(kept(new RetentionPolicy(0, 0, 3, 0))).containsOnlyKeys(1L, 3L, 4L);
    }

    @Test
    void keepMonthlyAndRulesTogetherKeepWhatAnyRuleKeeps() {
        complete("2026-01-10T12:00:00Z").complete("2026-01-20T12:00:00Z").complete("2026-02-01T12:00:00Z")
                .complete("2026-03-01T12:00:00Z").complete("2026-03-02T12:00:00Z");

        assertThat(kept(new RetentionPolicy(0, 0, 0, 2))).containsOnlyKeys(3L, 5L);
        assertThat(kept(new RetentionPolicy(1, 0, 0, 3))).containsOnlyKeys(2L, 3L, 5L)
                .containsEntry(5L, List.of("last", "monthly", "latest"));
    }

    @Test
    void runningAndFailedSnapshotsStayWithTheParentTheyResumeFromAndDoNotCountForRules() {
        complete("2026-01-01T12:00:00Z").complete("2026-01-02T12:00:00Z").complete("2026-01-03T12:00:00Z")
                .snapshot(RunState.FAILED, "2026-01-04T12:00:00Z", 2L)
                .snapshot(RunState.RUNNING, "2026-01-05T12:00:00Z", 3L);

        assertThat(kept(new RetentionPolicy(1, 0, 0, 0))).containsOnlyKeys(2L, 3L, 4L, 5L)
                .containsEntry(2L, List.of("parent of failed snapshot 4"))
                .containsEntry(3L, List.of("last", "latest", "parent of running snapshot 5"))
                .containsEntry(4L, List.of("failed, never removed"));
    }

    @Test
    void theNewestCompleteSnapshotStaysEvenWhenItsStartTimeIsNotTheNewest() {
        complete("2026-01-02T12:00:00Z").complete("2026-01-03T12:00:00Z").complete("2026-01-01T12:00:00Z");

        assertThat(kept(new RetentionPolicy(1, 0, 0, 0))).containsOnlyKeys(2L, 3L).containsEntry(3L, List.of("latest"));
    }

    @Test
    void suspectSnapshotsCountForNoRuleSoAnOutageNeverPushesTheGoodCopiesOut() {
        complete("2026-01-01T10:00:00Z").complete("2026-01-02T10:00:00Z")
                .suspect("2026-01-03T10:00:00Z").suspect("2026-01-04T10:00:00Z").suspect("2026-01-05T10:00:00Z");

        assertThat(kept(new RetentionPolicy(1, 0, 0, 0))).containsOnlyKeys(2L, 5L)
                .containsEntry(2L, List.of("last", "newest not suspect")).containsEntry(5L, List.of("latest"));
        assertThat(kept(new RetentionPolicy(0, 2, 0, 0))).containsOnlyKeys(1L, 2L, 5L)
                .containsEntry(1L, List.of("daily")).containsEntry(2L, List.of("daily", "newest not suspect"));
        assertThat(kept(new RetentionPolicy(0, 0, 1, 1))).containsOnlyKeys(2L, 5L)
                .containsEntry(2L, List.of("weekly", "monthly", "newest not suspect"));
    }

    @Test
    void theNewestSnapshotThatIsNotSuspectStaysEvenWhenNoRuleKeepsIt() {
        // 3 is an archive of an older day imported after 2: newest by id, not by start time
        complete("2026-01-02T12:00:00Z").complete("2026-01-03T12:00:00Z").complete("2026-01-01T12:00:00Z")
                .suspect("2026-01-04T12:00:00Z");

        assertThat(kept(new RetentionPolicy(1, 0, 0, 0))).containsOnlyKeys(2L, 3L, 4L)
                .containsEntry(2L, List.of("last")).containsEntry(3L, List.of("newest not suspect"))
                .containsEntry(4L, List.of("latest"));
    }

    @Test
    void aSuspectSnapshotBetweenGoodOnesIsRemovedLikeAnyOther() {
        complete("2026-01-01T10:00:00Z").suspect("2026-01-02T10:00:00Z").complete("2026-01-03T10:00:00Z");

        assertThat(kept(new RetentionPolicy(2, 0, 0, 0))).containsOnlyKeys(1L, 3L)
                .containsEntry(1L, List.of("last")).containsEntry(3L, List.of("last", "latest"));
    }

    @Test
    void refusesAPolicyThatKeepsNothing() {
        assertThatThrownBy(() -> new RetentionPolicy(0, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one");
        assertThatThrownBy(() -> new RetentionPolicy(-1, 2, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
