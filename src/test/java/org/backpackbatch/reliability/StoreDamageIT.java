package org.backpackbatch.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.backpackbatch.backup.BackupCli;
import org.backpackbatch.emulator.BackpackEmulator;
import org.backpackbatch.emulator.FaultPlan;
import org.backpackbatch.store.RecordKind;
import org.backpackbatch.store.RecordVersion;
import org.backpackbatch.store.Store;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store damaged as a bad disk or a careless hand would damage it: {@code verify} reports the
 * damage with exit 4, and no command run on it afterwards makes it worse.
 */
class StoreDamageIT {

    @TempDir
    static Path dir;

    private static BackpackEmulator emulator;
    private static BackpackEmulator.HostedAccount account;
    private static Path tokenFile;
    private static Path store;
    private static int copies;

    @BeforeAll
    static void backUp() throws Exception {
        emulator = FaultSuiteIT.start(FaultPlan.NONE);
        account = emulator.account("src");
        tokenFile = FaultSuiteIT.tokenFile(dir, "healthy", account);
        store = dir.resolve("store.db");
        FaultSuiteIT.untilDone(new ArrayList<>(), FaultSuiteIT.backup(account, store, tokenFile));
        assertThat(Files.exists(dir.resolve("store.db-wal"))).as("a WAL left by a clean run").isFalse();
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @Test
    void aFlippedByteInARecordsContentIsReportedAndNothingMakesItWorse() throws Exception {
        Path copy = copy();
        String body;
        try (Store session = Store.open(copy, Store.Access.READ)) {
            List<RecordVersion> records = FaultSuiteIT.records(session, FaultSuiteIT.latest(session, account));
            body = records.stream().filter(r -> r.kind() == RecordKind.NOTE && r.body() != null && r.body().length() > 20)
                    .map(RecordVersion::body).findFirst().orElseThrow();
        }
        // the text also lies in free space left by earlier writes: flip a byte of the first copy SQLite reads back changed
        byte[] bytes = Files.readAllBytes(copy);
        byte[] text = body.getBytes(StandardCharsets.UTF_8);
        long copiesOfTheBody = countBody(copy, body);
        boolean flipped = false;
        for (int at = indexOf(bytes, text, 0); at >= 0 && !flipped; at = indexOf(bytes, text, at + 1)) {
            flip(copy, at + 5);
            flipped = countBody(copy, body) < copiesOfTheBody;
            if (!flipped) {
                flip(copy, at + 5);
            }
        }
        assertThat(flipped).as("a live row holding the note's body").isTrue();

        BackupCli.Run verify = BackupCli.inProcess("verify", "--db", copy.toString());
        assertThat(verify.exitCode()).as(verify.out() + verify.err()).isEqualTo(4);
        assertThat(verify.out()).contains("its content does not match its hash");
        // SQLite reads the row without complaint, so only verify's hash check sees the damage: the other
        // commands run (backup adds a snapshot, export writes the record as it reads), and afterwards
        // verify finds exactly what it found before, nothing more
        assertNoCommandMakesItWorse(copy, verify, false);
        // and the backup did not carry the damaged row into its snapshot: it stored the server's copy again
        try (Store session = Store.open(copy, Store.Access.READ)) {
            List<RecordVersion> latest = FaultSuiteIT.records(session, FaultSuiteIT.latest(session, account));
            assertThat(latest).filteredOn(r -> r.kind() == RecordKind.NOTE).extracting(RecordVersion::body).contains(body);
        }
    }

    @Test
    void aTruncatedFileIsReportedAndNothingMakesItWorse() throws Exception {
        Path copy = copy();
        try (RandomAccessFile file = new RandomAccessFile(copy.toFile(), "rw")) {
            file.setLength(file.length() / 2);
        }

        BackupCli.Run verify = BackupCli.inProcess("verify", "--db", copy.toString());
        assertThat(verify.exitCode()).as(verify.out() + verify.err()).isEqualTo(4);
        assertNoCommandMakesItWorse(copy, verify, true);
    }

    /**
     * The WAL of a backup killed half way (kill -9), deleted before anything opens the store again:
     * the commits it held are gone and the file falls back to its last checkpoint. What is shown:
     * verify says so honestly (0 when the checkpointed state is whole, 4 when not), and when it
     * passes, running the backup again completes it.
     */
    @Test
    void aDeletedWalAfterAKilledBackupLeavesTheLastCheckpointedState() throws Exception {
        Path killedStore = dir.resolve("killed.db");
        FaultSuiteIT.untilDone(new ArrayList<>(), FaultSuiteIT.backup(account, killedStore, tokenFile));
        String[] again = FaultSuiteIT.backup(account, killedStore, tokenFile);
        again[again.length - 1] = "plain";
        again[8] = "1";
        try (BackupCli.Forked run = BackupCli.fork(dir, List.of(), again)) {
            run.awaitErr(Pattern.compile("(?m)^backup: [1-9]0% "), Duration.ofSeconds(60));
            run.kill();
        }
        Path wal = dir.resolve("killed.db-wal");
        assertThat(Files.exists(wal)).as("the killed run's WAL").isTrue();
        Files.delete(wal);
        Files.deleteIfExists(dir.resolve("killed.db-shm"));

        BackupCli.Run verify = BackupCli.inProcess("verify", "--db", killedStore.toString());
        assertThat(verify.exitCode()).as(verify.out() + verify.err()).isIn(0, 4);
        if (verify.exitCode() == 4) {
            assertNoCommandMakesItWorse(killedStore, verify, true);
        } else {
            assertThat(BackupCli.inProcess(FaultSuiteIT.backup(account, killedStore, tokenFile)).exitCode()).isZero();
            assertThat(BackupCli.inProcess("verify", "--db", killedStore.toString()).exitCode()).isZero();
        }
    }

    /**
     * Runs every command that reads or writes the store. When SQLite itself sees the damage ({@code refused}), each
     * fails (exit 4, or 1) with one error line and the store's bytes stay as they were; in every case verify finds
     * the same problems at the end as at the start.
     */
    private static void assertNoCommandMakesItWorse(Path damaged, BackupCli.Run firstVerify, boolean refused) throws Exception {
        Map<String, byte[]> before = bytes(damaged);
        List<String[]> commands = List.of(
                new String[] {"verify", "--db", damaged.toString()},
                FaultSuiteIT.backup(account, damaged, tokenFile),
                new String[] {"diff", "--db", damaged.toString()},
                new String[] {"snapshots", "--db", damaged.toString()},
                new String[] {"export", "--db", damaged.toString(), "--format", "xml", "--out", dir.resolve("out-" + copies + ".xml").toString()},
                new String[] {"export", "--db", damaged.toString(), "--format", "sqlite", "--out", dir.resolve("out-" + copies + ".db").toString()});
        for (String[] command : commands) {
            BackupCli.Run run = BackupCli.inProcess(command);
            run.assertNoToken(account.token());
            if (!refused) {
                assertThat(run.err()).doesNotContain("\tat ");
                continue;
            }
            assertThat(run.exitCode()).as("%s on a damaged store: %s", command[0], run.out() + run.err()).isIn(1, 4);
            assertThat(run.errorLines()).as("%s: %s", command[0], run.err()).hasSize(1);
            assertThat(run.err()).doesNotContain("\tat ");
            assertThat(bytes(damaged)).as("the store's files after %s", command[0]).containsExactlyInAnyOrderEntriesOf(before);
        }
        assertThat(BackupCli.inProcess("verify", "--db", damaged.toString()).out()).as("verify's findings, at the end")
                .isEqualTo(firstVerify.out());
    }

    private static Map<String, byte[]> bytes(Path store) throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (String suffix : List.of("", "-wal", "-shm")) {
            Path file = store.resolveSibling(store.getFileName() + suffix);
            if (Files.exists(file)) {
                files.put(suffix, Files.readAllBytes(file));
            }
        }
        return files;
    }

    private static Path copy() throws Exception {
        Path copy = dir.resolve("copy-" + ++copies + ".db");
        Files.copy(store, copy);
        return copy;
    }

    private static void flip(Path file, long at) throws Exception {
        try (RandomAccessFile raw = new RandomAccessFile(file.toFile(), "rw")) {
            raw.seek(at);
            int value = raw.read();
            raw.seek(at);
            raw.write(value ^ 0x01);
        }
    }

    private static long countBody(Path file, String body) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
             PreparedStatement statement = connection.prepareStatement("SELECT count(*) FROM versions WHERE body = ?")) {
            statement.setString(1, body);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static int indexOf(byte[] bytes, byte[] text, int from) {
        outer:
        for (int i = from; i + text.length <= bytes.length; i++) {
            for (int j = 0; j < text.length; j++) {
                if (bytes[i + j] != text[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
