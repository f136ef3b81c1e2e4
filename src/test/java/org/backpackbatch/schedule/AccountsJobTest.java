package org.backpackbatch.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import org.backpackbatch.app.Application;
import org.backpackbatch.app.RunObservers;
import org.backpackbatch.backup.BackupCli;
import org.backpackbatch.emulator.AccountSpec;
import org.backpackbatch.emulator.BackpackEmulator;
import org.backpackbatch.emulator.EmulatorConfig;
import org.backpackbatch.api.ArrivalJitter;
import org.backpackbatch.api.RateLimit;
import org.backpackbatch.store.Dialect;
import org.backpackbatch.store.Snapshot;
import org.backpackbatch.store.Store;
import org.backpackbatch.store.StoreFile;
import org.backpackbatch.store.TestStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A backup job of many accounts ({@code accounts:}) on an SQLite store: the daemon and {@code --once}. */
class AccountsJobTest {

    private static final List<String> ACCOUNTS = List.of("acme", "globex", "initech");

    @TempDir
    Path dir;

    private BackpackEmulator emulator;

    @AfterEach
    void stop() {
        if (emulator != null) {
            emulator.close();
        }
    }

    @Test
    void theDaemonBacksUpEachAccountOnceAFiringNoEarlierThanItsOffsetInTheSpread() throws Exception {
        startEmulator();
        writeAccounts(Map.of());
        ZonedDateTime firing = ZonedDateTime.now(ZoneId.systemDefault()).truncatedTo(ChronoUnit.SECONDS).plusSeconds(3);
        Path jobs = job(String.format("%d %d %d %d %d ? %d", firing.getSecond(), firing.getMinute(), firing.getHour(),
                firing.getDayOfMonth(), firing.getMonthValue(), firing.getYear()), "spread: 6s\n");
        JobDefinition job = JobFiles.load(jobs).get("fleet");

        ScheduleDaemon daemon = new ScheduleDaemon(JobFiles.load(jobs), Application.ofProcess(), RunObservers.NONE);
        daemon.start();
        try {
            await(() -> startedAt(true).size() == ACCOUNTS.size(), Duration.ofSeconds(60));
        } finally {
            daemon.stop(Duration.ofSeconds(20));
        }

        Map<String, List<Instant>> complete = startedAt(true);
        assertThat(startedAt(false)).as("one snapshot each, all complete").isEqualTo(complete);
        for (JobDefinition run : job.runs()) {
            assertThat(complete.get(run.work().account())).as("snapshots of %s", run.work().account()).singleElement()
                    .satisfies(started -> assertThat(started).as("started at its offset %s or later", run.offset())
                            .isAfterOrEqualTo(firing.toInstant().plus(run.offset()).truncatedTo(ChronoUnit.SECONDS)));
        }
    }

    @Test
    void onceBacksUpEveryAccountAndExitsWithTheFailureOfOne() throws Exception {
        startEmulator();
        writeAccounts(Map.of("globex", "0123456789abcdef0123456789abcdef01234567"));
        Path jobs = job("0 0 2 * * ?", "max-parallel: 2\n");

        BackupCli.Run once = BackupCli.inProcess("schedule", "--jobs", jobs.toString(), "--once", "fleet");

        assertThat(once.exitCode()).as("the refused token's exit code: %s", once.err()).isEqualTo(3);
        assertThat(startedAt(true).keySet()).as("the other accounts were backed up all the same")
                .containsExactlyInAnyOrder(emulator.account("acme").baseUrl(), emulator.account("initech").baseUrl());
    }

    @Test
    void onPostgresqlOneNodeBacksUpAccountsSideBySideEachWithinItsOwnRateLimit() throws Exception {
        // each account answers 20 requests per 5 s and a backup of one takes more: one budget shared by all would be met with 503s
        emulator = BackpackEmulator.start(EmulatorConfig.defaults().withRateLimit(new RateLimit(20, Duration.ofSeconds(5)))
                .withAccounts(ACCOUNTS.stream().map(name -> new AccountSpec(name, "16")).toList()));
        writeAccounts(Map.of());
        TestStore store = TestStore.create(Dialect.POSTGRESQL, dir);
        Path jobs = Files.createDirectories(dir.resolve("jobs"));
        Files.writeString(jobs.resolve("fleet.yml"), "type: backup\naccounts: fleet/accounts.csv\ndb: " + store.db()
                + "\nworkers: 2\nrate: 20/5s\nmax-parallel: 3\n");

        BackupCli.Run once = BackupCli.inProcess("schedule", "--jobs", jobs.toString(), "--once", "fleet");

        assertThat(once.exitCode()).as(once.err()).isZero();
        assertThat(emulator.rateLimitedCount()).as("answers 503: a limit was broken").isLessThanOrEqualTo(ArrivalJitter.TOLERATED_503S);
        List<Instant[]> runs = new ArrayList<>();
        try (Store opened = store.open(Store.Access.READ)) {
            for (Snapshot snapshot : opened.snapshots().snapshots(null)) {
                assertThat(snapshot.requests()).as("requests of %s, past its own budget of 5 s", snapshot.account()).isGreaterThan(20);
                runs.add(new Instant[] {Instant.parse(snapshot.startedAt()), Instant.parse(snapshot.finishedAt())});
            }
        }
        assertThat(runs).hasSize(ACCOUNTS.size());
        // side by side: every run overlaps every other
        for (Instant[] a : runs) {
            for (Instant[] b : runs) {
                assertThat(a[0]).isBefore(b[1]);
            }
        }
    }

    // ---- fixtures -----------------------------------------------------------------------

    private void startEmulator() throws IOException {
        emulator = BackpackEmulator.start(EmulatorConfig.defaults().withRateLimit(null)
                .withAccounts(ACCOUNTS.stream().map(name -> new AccountSpec(name, "3")).toList()));
    }

    /** The accounts file, each token in its own file; {@code wrongTokens} replaces some. */
    private void writeAccounts(Map<String, String> wrongTokens) throws IOException {
        Files.createDirectories(dir.resolve("fleet/tokens"));
        StringBuilder csv = new StringBuilder("url,token_file\n");
        for (String name : ACCOUNTS) {
            Files.writeString(dir.resolve("fleet/tokens/" + name), wrongTokens.getOrDefault(name, emulator.account(name).token()) + "\n");
            csv.append(emulator.account(name).baseUrl()).append(",tokens/").append(name).append('\n');
        }
        Files.writeString(dir.resolve("fleet/accounts.csv"), csv.toString());
    }

    private Path job(String cron, String more) throws IOException {
        Path jobs = Files.createDirectories(dir.resolve("jobs"));
        Files.writeString(jobs.resolve("fleet.yml"), "type: backup\ncron: \"" + cron + "\"\naccounts: fleet/accounts.csv\ndb: fleet.db\n"
                + "workers: 2\n" + more);
        return jobs;
    }

    /** The start times of the store's snapshots by account, only the complete ones when asked. */
    private Map<String, List<Instant>> startedAt(boolean complete) {
        Map<String, List<Instant>> started = new TreeMap<>();
        if (!Files.exists(dir.resolve("fleet.db"))) {
            return started;
        }
        try (Connection connection = DriverManager.getConnection(StoreFile.jdbcUrl(dir.resolve("fleet.db")));
             Statement statement = connection.createStatement()) {
            try (ResultSet tables = statement.executeQuery("SELECT 1 FROM sqlite_master WHERE name = 'snapshots'")) {
                if (!tables.next()) {
                    // still being created by the first run
                    return started;
                }
            }
            try (ResultSet rows = statement.executeQuery("SELECT a.url, s.started_at FROM snapshots s JOIN accounts a ON a.id = s.account_id"
                     + (complete ? " WHERE s.finished_at IS NOT NULL" : "") + " ORDER BY s.id")) {
                while (rows.next()) {
                    started.computeIfAbsent(rows.getString(1), url -> new ArrayList<>()).add(Instant.parse(rows.getString(2)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read " + dir.resolve("fleet.db") + ": " + e.getMessage(), e);
        }
        return started;
    }

    private static void await(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited %s", timeout).isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
