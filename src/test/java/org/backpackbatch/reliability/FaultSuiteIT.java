package org.backpackbatch.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.backpackbatch.api.Secrets;
import org.backpackbatch.backup.BackupCli;
import org.backpackbatch.emulator.AccountSpec;
import org.backpackbatch.emulator.BackpackEmulator;
import org.backpackbatch.emulator.EmulatorConfig;
import org.backpackbatch.emulator.Fault;
import org.backpackbatch.emulator.FaultPlan;
import org.backpackbatch.store.RecordKind;
import org.backpackbatch.store.RecordVersion;
import org.backpackbatch.store.Snapshot;
import org.backpackbatch.store.SnapshotComparison;
import org.backpackbatch.store.Store;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.backpackbatch.store.Dialect;
import org.backpackbatch.store.TestStore;

/**
 * Backups and restores of whole accounts (pages and every other resource, the endpoints with the
 * token in their path among them) through an emulator that fails 5%, 10% and 20% of its requests
 * (server errors, dropped connections, cut bodies, in equal shares), with the CLI's default
 * retries and the user's remedy for a failed run: run it again. Every completed backup holds the
 * records of a fault-free backup of an identical account; every completed restore leaves exactly
 * one copy of the source in the target; no byte the runs produced holds either account's token
 * or a calendar's sharing token.
 */
class FaultSuiteIT {

    private static final String PAGES = "40";
    /** Runs of one command before the suite gives up: a run fails only when a request fails every retry. */
    private static final int MAX_RUNS = 10;

    /** Every rate on SQLite; on PostgreSQL the middle one, which meets every kind of fault too. */
    static Stream<Arguments> storesAndRates() {
        return Stream.of(Arguments.of(Dialect.SQLITE, 0.05), Arguments.of(Dialect.SQLITE, 0.10), Arguments.of(Dialect.SQLITE, 0.20),
                Arguments.of(Dialect.POSTGRESQL, 0.10));
    }

    @ParameterizedTest(name = "{0} store, fault rate {1}")
    @MethodSource("storesAndRates")
    void backupsAndRestoresCompletedThroughFaultsEqualTheFaultFreeResult(Dialect dialect, double rate, @TempDir Path dir) throws Exception {
        List<BackupCli.Run> runs = new ArrayList<>();
        TestStore store = TestStore.create(dialect, dir);
        // the fault-free reference is an SQLite file on both: the records must equal across the two kinds of store too
        Path reference = dir.resolve("reference.db");
        List<String> tokens = new ArrayList<>();
        try (BackpackEmulator healthy = start(FaultPlan.NONE);
             BackpackEmulator faulty = start(new FaultPlan(0, 0, rate, Math.round(rate * 1000)))) {
            BackpackEmulator.HostedAccount source = faulty.account("src");
            BackpackEmulator.HostedAccount target = faulty.account("dst");
            BackpackEmulator.HostedAccount sameSource = healthy.account("src");
            tokens.addAll(List.of(source.token(), target.token(), sameSource.token()));

            untilDone(runs, backup(sameSource, reference, tokenFile(dir, "healthy", sameSource)));
            untilDone(runs, backup(source, store, tokenFile(dir, "faulty", source)));
            long snapshot;
            try (Store faultyStore = store.open(Store.Access.READ);
                 Store referenceStore = Store.open(reference, Store.Access.READ)) {
                snapshot = latest(faultyStore, source);
                List<RecordVersion> records = records(faultyStore, snapshot);
                assertThat(records).as("records of the backup completed through faults").hasSizeGreaterThan(40)
                        .isEqualTo(records(referenceStore, latest(referenceStore, sameSource)));
                assertThat(records).extracting(RecordVersion::kind).as("the whole account")
                        .contains(RecordKind.USER, RecordKind.REMINDER, RecordKind.JOURNAL_ENTRY, RecordKind.STATUS, RecordKind.CALENDAR,
                                RecordKind.CALENDAR_EVENT, RecordKind.BOOKMARK);
            }
            long afterBackup = faults(faulty);
            assertThat(afterBackup).as("faults injected into the backup").isPositive();

            untilDone(runs, "restore", "--db", store.db(), "--account", target.baseUrl(), "--target-token-file",
                    tokenFile(dir, "faulty", target).toString(), "--snapshot", Long.toString(snapshot), "--rate", "off",
                    "--include-friends", "--workers", "4");
            untilDone(runs, backup(target, store, tokenFile(dir, "faulty", target)));
            try (Store session = store.open(Store.Access.READ)) {
                SnapshotComparison.Result result = SnapshotComparison.compare(session.snapshots(), snapshot, latest(session, target));
                assertThat(result.differences()).as("pages lost or duplicated by the restore").isEmpty();
                assertThat(result.equal()).isTrue();
                assertThat(result.pagesCompared()).isEqualTo(Long.parseLong(PAGES));
            }
            assertThat(faults(faulty)).as("faults injected into the restore and the check").isGreaterThan(afterBackup);
            for (Fault fault : List.of(Fault.SERVER_ERROR, Fault.DROPPED_CONNECTION, Fault.CUT_BODY)) {
                assertThat(faulty.faultCount(fault)).as("faults of kind %s", fault).isPositive();
            }
            assertThat(BackupCli.inProcess("verify", "--db", store.db()).exitCode()).isZero();
        }
        assertNoTokenAnywhere(tokens, runs, dir);
        for (String token : tokens) {
            assertThat(store.holds(token)).as("the token in the store").isFalse();
        }
    }

    static BackpackEmulator start(FaultPlan faults) throws IOException {
        return BackpackEmulator.start(EmulatorConfig.defaults()
                .withAccounts(List.of(new AccountSpec("src", PAGES), new AccountSpec("dst", "empty")))
                .withRateLimit(null).withFaults(faults));
    }

    static Path tokenFile(Path dir, String prefix, BackpackEmulator.HostedAccount account) throws IOException {
        Path file = dir.resolve(prefix + "-" + account.name() + ".token");
        return Files.exists(file) ? file : Files.writeString(file, account.token() + "\n");
    }

    static String[] backup(BackpackEmulator.HostedAccount account, Path store, Path tokenFile) {
        return backup(account, store.toString(), tokenFile);
    }

    static String[] backup(BackpackEmulator.HostedAccount account, TestStore store, Path tokenFile) {
        return backup(account, store.db(), tokenFile);
    }

    private static String[] backup(BackpackEmulator.HostedAccount account, String db, Path tokenFile) {
        return new String[] {"backup", "--account", account.baseUrl(), "--db", db, "--token-file", tokenFile.toString(),
                "--workers", "4", "--rate", "off", "--include", "all", "--progress", "none"};
    }

    /** Runs the command in this JVM again while it ends with exit 1 (a run that failed), as a user would. */
    static BackupCli.Run untilDone(List<BackupCli.Run> runs, String... args) {
        BackupCli.Run run = BackupCli.inProcess(args);
        runs.add(run);
        for (int count = 1; run.exitCode() == 1 && count < MAX_RUNS; count++) {
            run = BackupCli.inProcess(args);
            runs.add(run);
        }
        assertThat(run.exitCode()).as("%s after %d runs: %s", args[0], MAX_RUNS, run.err()).isZero();
        return run;
    }

    static long latest(Store session, BackpackEmulator.HostedAccount account) {
        return session.snapshots().latestComplete(account.baseUrl()).map(Snapshot::id).orElseThrow();
    }

    /**
     * The snapshot's records; a reminder without its time, which falls due relative to when its
     * emulator started: two emulators started a moment apart may fall either side of a minute.
     */
    static List<RecordVersion> records(Store session, long snapshot) {
        List<RecordVersion> records = new ArrayList<>();
        session.snapshots().records(snapshot, record -> records.add(record.kind() != RecordKind.REMINDER ? record
                : new RecordVersion(record.kind(), record.recordId(), record.pageId(), record.parentId(), record.position(), record.type(),
                        record.name(), record.body(), record.createdAt(), record.flag(), record.userId(), record.userName(), null,
                        record.updatedAt(), record.remindees())));
        return records;
    }

    static long faults(BackpackEmulator emulator) {
        return Stream.of(Fault.SERVER_ERROR, Fault.DROPPED_CONNECTION, Fault.CUT_BODY).mapToLong(emulator::faultCount).sum();
    }

    /**
     * No token in any run's output, nor in any byte of any file under the directory but the token
     * files themselves; nor any other secret the process knows there (a calendar's sharing token).
     */
    static void assertNoTokenAnywhere(List<String> tokens, List<BackupCli.Run> runs, Path dir) throws IOException {
        for (String token : tokens) {
            runs.forEach(run -> run.assertNoToken(token));
        }
        runs.forEach(run -> assertThat(Secrets.leaksIn(run.out() + run.err())).as("a secret in the output of a run").isFalse());
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile).filter(file -> !file.getFileName().toString().endsWith(".token")).toList();
        }
        assertThat(files).as("files the runs produced").isNotEmpty();
        for (Path file : files) {
            String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            for (String token : tokens) {
                assertThat(bytes.contains(token)).as("the token in %s", file).isFalse();
            }
            assertThat(Secrets.leaksIn(bytes)).as("a secret in %s", file).isFalse();
        }
    }
}
