package org.backpackbatch.restore;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.backpackbatch.backup.BackupCli;
import org.backpackbatch.emulator.AccountSpec;
import org.backpackbatch.emulator.BackpackEmulator;
import org.backpackbatch.emulator.EmulatorConfig;
import org.backpackbatch.emulator.Fault;
import org.backpackbatch.emulator.FaultPlan;
import org.backpackbatch.store.AccountRecords.StoredAccount;
import org.backpackbatch.store.PageRecords.StoredPage;
import org.backpackbatch.store.Resource;
import org.backpackbatch.store.RunState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A restore that dies (kill -9), is stopped (SIGTERM) or meets a faulty server is finished by
 * running the same command again, and the target ends with exactly one copy of everything, the
 * reminders, journal and status of the whole account too: creates whose answer never came back
 * are adopted, not sent twice.
 */
class RestoreInterruptedIT {

    private static final int PAGES = 60;

    @Test
    void aRestoreKilledThreeTimesAndRunAgainLeavesExactlyOneCopyOfEverything(@TempDir Path dir) throws Exception {
        try (BackpackEmulator emulator = BackpackEmulator.start(EmulatorConfig.defaults()
                .withAccounts(List.of(new AccountSpec("src", Integer.toString(PAGES)), new AccountSpec("dst", "empty")))
                .withRateLimit(null)
                .withFaults(new FaultPlan(20, 20, 0, 1)))) {
            BackpackEmulator.HostedAccount source = emulator.account("src");
            BackpackEmulator.HostedAccount target = emulator.account("dst");
            Path store = dir.resolve("store.db");
            long snapshot = RestoredContent.backUp(source, store, RestoreRoundTripTest.token(dir, source), "all");
            Map<Long, StoredPage> sourcePages = RestoredContent.snapshot(store, snapshot);
            StoredAccount sourceAccount = RestoredContent.account(store, snapshot);
            Path targetToken = RestoreRoundTripTest.token(dir, target);
            String[] restore = RestoredContent.restore(store, target, targetToken, snapshot, "--include-friends", "--workers", "8");

            for (double share : List.of(0.2, 0.5, 0.8)) {
                try (BackupCli.Forked run = BackupCli.fork(dir, List.of(), restore)) {
                    run.awaitErr(progressOf(share), Duration.ofSeconds(60));
                    BackupCli.Run killed = run.kill();
                    assertThat(killed.out()).as("no report from a killed run").doesNotContain("restored snapshot");
                }
            }
            long units = PAGES + Resource.ofAccount().size();
            long done = Long.parseLong(RestoredContent.query(store, "SELECT sum(done) FROM restore_worklist"));
            assertThat(done).as("units done by the killed runs").isBetween((long) (units * 0.8), units - 1L);

            BackupCli.Run last;
            try (BackupCli.Forked run = BackupCli.fork(dir, List.of(), restore)) {
                last = run.await(Duration.ofSeconds(60));
            }
            assertThat(last.exitCode()).as(last.err()).isZero();
            assertThat(last.out()).contains("restored (resumed) snapshot " + snapshot);
            assertThat(RestoredContent.query(store, "SELECT count(*) FROM restore_runs")).as("one run, resumed").isEqualTo("1");
            assertExactlyOneCopy(sourcePages, target, dir);
            RestoredContent.assertAccountRestoredOnce(sourceAccount, target.data());
        }
    }

    @Test
    void sigtermStopsARestoreAfterThePagesInFlightMarksItInterruptedAndTheSameCommandContinuesIt(@TempDir Path dir) throws Exception {
        // the demo account: 10 small pages of about 10 requests each, 100 ms a request: a page takes a second or more
        int pages = 10;
        try (BackpackEmulator emulator = BackpackEmulator.start(EmulatorConfig.defaults()
                .withAccounts(List.of(new AccountSpec("src", "demo"), new AccountSpec("dst", "empty")))
                .withRateLimit(null)
                .withFaults(new FaultPlan(100, 100, 0, 1)))) {
            BackpackEmulator.HostedAccount source = emulator.account("src");
            BackpackEmulator.HostedAccount target = emulator.account("dst");
            Path store = dir.resolve("store.db");
            long snapshot = RestoredContent.backUp(source, store, RestoreRoundTripTest.token(dir, source), "core");
            String[] restore = RestoredContent.restore(store, target, RestoreRoundTripTest.token(dir, target), snapshot,
                    "--include-friends", "--workers", "4");

            BackupCli.Run stopped;
            try (BackupCli.Forked run = BackupCli.fork(dir, List.of(), restore)) {
                run.awaitErr(progressOf(0.2), Duration.ofSeconds(60));
                stopped = run.terminate(Duration.ofSeconds(60));
            }
            assertThat(stopped.exitCode()).as(stopped.err()).isEqualTo(143);
            long done = Long.parseLong(RestoredContent.query(store, "SELECT sum(done) FROM restore_worklist"));
            assertThat(done).as("pages done before the stop").isBetween(1L, pages - 1L);
            assertThat(stopped.err().lines().filter(line -> line.startsWith("interrupted: ") || line.startsWith("error: ")))
                    .containsExactly("interrupted: the restore of snapshot " + snapshot + " into " + target.baseUrl() + " stopped after "
                            + done + " of " + pages + " pages; run the same command to continue it");
            assertThat(stopped.err()).doesNotContain("\tat ");
            assertThat(RestoredContent.lastRunState(store)).isEqualTo(RunState.INTERRUPTED);
            List<String> tenths = stopped.err().lines().filter(line -> line.startsWith("restore: "))
                    .map(line -> line.split(" ")[1]).toList();
            assertThat(tenths).as("progress, every tenth once and in order").isEqualTo(IntStream.range(0, tenths.size())
                    .mapToObj(tenth -> tenth * 10 + "%").toList());

            BackupCli.Run resumed = BackupCli.inProcess(restore);
            assertThat(resumed.exitCode()).as(resumed.err()).isZero();
            assertThat(resumed.out()).contains("restored (resumed) snapshot " + snapshot);
            assertThat(RestoredContent.query(store, "SELECT group_concat(id) FROM restore_runs")).isEqualTo("1");
            assertThat(RestoredContent.lastRunState(store)).isEqualTo(RunState.COMPLETE);
            assertExactlyOneCopy(RestoredContent.snapshot(store, snapshot), target, dir);
        }
    }

    @Test
    void aRestoreIntoAFaultyServerAdoptsCreatesWhoseAnswerWasLost(@TempDir Path dir) throws Exception {
        Path store = dir.resolve("store.db");
        long snapshot;
        Map<Long, StoredPage> sourcePages;
        StoredAccount sourceAccount;
        try (BackpackEmulator healthy = BackpackEmulator.start(EmulatorConfig.defaults()
                .withAccounts(List.of(new AccountSpec("src", "40"))).withRateLimit(null))) {
            BackpackEmulator.HostedAccount source = healthy.account("src");
            snapshot = RestoredContent.backUp(source, store, RestoreRoundTripTest.token(dir, source), "all");
            sourcePages = RestoredContent.snapshot(store, snapshot);
            sourceAccount = RestoredContent.account(store, snapshot);
        }
        try (BackpackEmulator faulty = BackpackEmulator.start(EmulatorConfig.defaults()
                .withAccounts(List.of(new AccountSpec("dst", "empty"))).withRateLimit(null)
                .withFaults(new FaultPlan(0, 0, 0.15, 7)))) {
            BackpackEmulator.HostedAccount target = faulty.account("dst");
            String[] restore = RestoredContent.restore(store, target, RestoreRoundTripTest.token(dir, target), snapshot,
                    "--include-friends", "--workers", "8");
            BackupCli.Run run = BackupCli.inProcess(restore);
            int runs = 1;
            while (run.exitCode() == 1 && runs < 10) {
                run = BackupCli.inProcess(restore);
                runs++;
            }
            assertThat(run.exitCode()).as("exit code after %d runs: %s", runs, run.err()).isZero();
            assertThat(faulty.faultCount(Fault.DROPPED_CONNECTION)).as("creates carried out whose answer was lost").isPositive();
            assertThat(faulty.faultCount(Fault.CUT_BODY)).isPositive();
            assertThat(faulty.faultCount(Fault.SERVER_ERROR)).isPositive();
            assertExactlyOneCopy(sourcePages, target, dir);
            RestoredContent.assertAccountRestoredOnce(sourceAccount, target.data());
        }
    }

    /** The target holds the source's content once: same counts, same pages ignoring ids. */
    private static void assertExactlyOneCopy(Map<Long, StoredPage> sourcePages, BackpackEmulator.HostedAccount target, Path dir)
            throws Exception {
        assertThat(RestoredContent.counts(target.data())).isEqualTo(RestoredContent.counts(sourcePages.values(), false));
        Path check = dir.resolve("check.db");
        long copy = RestoredContent.backUp(target, check, RestoreRoundTripTest.token(dir, target), "core");
        assertThat(RestoredContent.actual(RestoredContent.snapshot(check, copy).values()))
                .containsExactlyInAnyOrderElementsOf(RestoredContent.expected(sourcePages.values(), false));
    }

    /** A progress line at or past the share of the pages ("restore: T0% N/M pages" is printed for every tenth). */
    private static Pattern progressOf(double share) {
        String tenths = IntStream.rangeClosed((int) Math.round(share * 10), 10).mapToObj(tenth -> tenth * 10 + "%")
                .collect(Collectors.joining("|"));
        return Pattern.compile("(?m)^restore: (" + tenths + ") ");
    }
}
