package org.backpackbatch.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import org.backpackbatch.store.StoreFile;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.backpackbatch.app.Application;
import org.backpackbatch.app.RunObservers;
import org.backpackbatch.store.StoreLocation;

/** The daemon with real Quartz and short crons against the emulator (stopped by a signal: {@link ScheduleDaemonIT}). */
class ScheduleDaemonTest {

    @TempDir
    Path dir;

    private BackupJobs backups;
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();

    @AfterEach
    void stop() {
        ((Logger) LoggerFactory.getLogger("schedule")).detachAppender(log);
        if (backups != null) {
            backups.close();
        }
    }

    @Test
    void runsAJobOnItsSchedule() throws Exception {
        Path jobs = backupJob("0/2 * * * * ?", "demo", 0);
        ScheduleDaemon daemon = new ScheduleDaemon(JobFiles.load(jobs), Application.ofProcess(), RunObservers.NONE);
        daemon.start();
        try {
            await(() -> completeSnapshots() >= 2, Duration.ofSeconds(30));
        } finally {
            daemon.stop(Duration.ofSeconds(20));
        }
        assertThat(lines()).anyMatch(line -> line.contains("job nightly (backup)") && succeeded(line));
    }

    @Test
    void aSlowJobIsNotStartedTwice() throws Exception {
        Path jobs = backupJob("* * * * * ?", "demo", 300);
        ScheduleDaemon daemon = new ScheduleDaemon(JobFiles.load(jobs), Application.ofProcess(), RunObservers.NONE);
        daemon.start();
        List<String> beforeTheStop;
        try {
            await(() -> completeSnapshots() >= 2, Duration.ofSeconds(40));
            beforeTheStop = lines();
        } finally {
            daemon.stop(Duration.ofSeconds(20));
        }
        // a second start while the first ran would have met the store's lock and failed (a run cut by the stop is not one)
        assertThat(beforeTheStop).filteredOn(line -> line.contains("job nightly (backup)")).isNotEmpty().allMatch(ScheduleDaemonTest::succeeded);
    }

    @Test
    void aMissedRunIsCaughtUpOnceNotOncePerMiss() throws Exception {
        Path jobs = backupJob("0 0 * * * ?", "demo", 0);
        ScheduleLedger ledger = new ScheduleLedger(StoreLocation.file(dir.resolve("store.db")));
        assertThat(ledger.acquire("nightly", "earlier daemon")).isTrue();
        ledger.release("nightly", "earlier daemon", Instant.now().minus(Duration.ofHours(5)), null);

        ScheduleDaemon daemon = new ScheduleDaemon(JobFiles.load(jobs), Application.ofProcess(), RunObservers.NONE);
        daemon.start();
        try {
            await(() -> completeSnapshots() >= 1, Duration.ofSeconds(30));
            // a catch-up per missed hour would start right after the first: none may come while the daemon runs on
            Awaitility.await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> completeSnapshots() == 1);
        } finally {
            daemon.stop(Duration.ofSeconds(20));
        }
        assertThat(completeSnapshots()).isEqualTo(1);
        assertThat(ledger.lastFire("nightly")).isAfter(Instant.now().minus(Duration.ofHours(1)));
    }

    @Test
    void twoDaemonsOnOneStoreDoNotBothRunTheJob() throws Exception {
        Path jobs = backupJob("0/2 * * * * ?", "demo", 200);
        ScheduleDaemon first = new ScheduleDaemon(JobFiles.load(jobs), Application.ofProcess(), RunObservers.NONE);
        ScheduleDaemon second = new ScheduleDaemon(JobFiles.load(jobs), Application.ofProcess(), RunObservers.NONE);
        first.start();
        second.start();
        List<String> beforeTheStop;
        try {
            await(() -> lines().stream().anyMatch(line -> line.contains("skipped, another daemon")), Duration.ofSeconds(40));
            beforeTheStop = lines();
        } finally {
            first.stop(Duration.ofSeconds(20));
            second.stop(Duration.ofSeconds(20));
        }
        assertThat(beforeTheStop).filteredOn(line -> line.contains("job nightly (backup)")).allMatch(ScheduleDaemonTest::succeeded);
    }

    @Test
    void aRunThatCannotStartIsLoggedAsAnErrorWithItsException() throws Exception {
        Path jobs = Files.createDirectories(dir.resolve("jobs"));
        Files.writeString(jobs.resolve("tidy.yml"), "type: forget\ncron: \"* * * * * ?\"\ndb: notes.db\nkeep-last: 1\n");
        log.start();
        ((Logger) LoggerFactory.getLogger("schedule")).addAppender(log);
        ScheduleDaemon daemon = new ScheduleDaemon(JobFiles.load(jobs), Application.ofProcess(), RunObservers.NONE);
        daemon.start();
        try {
            // the store is replaced by something else while the daemon runs: its next run cannot even take its lease
            // moved into place whole: a run must never see it half written (an empty file is a new store)
            Path replacement = Files.writeString(dir.resolve("replacement.txt"), "not a store\n");
            Files.move(replacement, dir.resolve("notes.db"), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            await(() -> List.copyOf(log.list).stream().anyMatch(event -> event.getFormattedMessage().startsWith("job tidy failed")),
                    Duration.ofSeconds(30));
        } finally {
            daemon.stop(Duration.ofSeconds(20));
        }
        ILoggingEvent failure = List.copyOf(log.list).stream().filter(event -> event.getFormattedMessage().startsWith("job tidy failed"))
                .findFirst().orElseThrow();
        assertThat(failure.getLevel()).isEqualTo(Level.ERROR);
        // the run finds out either by the store's header check or, when the file is swapped after that check, by SQLite itself
        assertThat(failure.getFormattedMessage()).containsAnyOf("not a backpack-batch store", "not a database");
        assertThat(failure.getThrowableProxy()).as("the exception and its causes are logged").isNotNull();
    }

    @Test
    void aLeaseIsHeldByOneHolderUntilReleasedOrRunOut() throws Exception {
        ScheduleLedger ledger = new ScheduleLedger(StoreLocation.file(dir.resolve("store.db")));
        assertThat(ledger.acquire("job", "a")).isTrue();
        assertThat(ledger.acquire("job", "b")).isFalse();
        ledger.release("job", "a", Instant.now(), null);
        assertThat(ledger.acquire("job", "b")).isTrue();
        try (Connection connection = DriverManager.getConnection(StoreFile.jdbcUrl(dir.resolve("store.db")));
             Statement statement = connection.createStatement()) {
            statement.executeUpdate("UPDATE schedule_jobs SET lease_until = 0 WHERE name = 'job'");
        }
        assertThat(ledger.acquire("job", "c")).as("a lease not renewed runs out").isTrue();
    }

    // ---- fixtures -----------------------------------------------------------------------

    private Path backupJob(String cron, String seed, int latencyMs) throws IOException {
        backups = new BackupJobs(dir, cron, seed, latencyMs);
        log.start();
        ((Logger) LoggerFactory.getLogger("schedule")).addAppender(log);
        return backups.jobs;
    }

    private List<String> lines() {
        return List.copyOf(log.list).stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    /** Whether a run's log entry says, on its first line, that the run succeeded. */
    static boolean succeeded(String entry) {
        return entry.lines().findFirst().orElse("").matches(".*: ok, [0-9.]+ s");
    }

    private long completeSnapshots() {
        return backups.completeSnapshots();
    }

    /** Waits for {@code condition}; a store that is still being created may fail a query meanwhile. */
    static void await(Callable<Boolean> condition, Duration timeout) {
        Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(100)).ignoreException(IllegalStateException.class)
                .until(condition);
    }
}
