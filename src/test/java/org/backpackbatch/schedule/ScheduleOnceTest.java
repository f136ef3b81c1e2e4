package org.backpackbatch.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.backpackbatch.backup.BackupCli;
import org.backpackbatch.emulator.AccountSpec;
import org.backpackbatch.emulator.BackpackEmulator;
import org.backpackbatch.emulator.EmulatorConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * {@code schedule --once} as a newcomer meets it: the shipped job files, pointed at the emulator,
 * run as they are; a broken file beside them does not stop them; the log holds each run's whole
 * report, and a failed run is an error with its reason.
 */
class ScheduleOnceTest {

    @TempDir
    Path dir;

    private BackpackEmulator emulator;
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();

    @BeforeEach
    void start() throws IOException {
        emulator = BackpackEmulator.start(EmulatorConfig.defaults()
                .withAccounts(List.of(new AccountSpec("acme", "demo"), new AccountSpec("acme-new", "empty"))).withRateLimit(null));
        log.start();
        ((Logger) LoggerFactory.getLogger("schedule")).addAppender(log);
    }

    @AfterEach
    void stop() {
        ((Logger) LoggerFactory.getLogger("schedule")).detachAppender(log);
        emulator.close();
    }

    @Test
    void theShippedJobFilesRunAsTheyAreBesideABrokenOne() throws IOException {
        Path jobs = shippedJobs();
        Files.writeString(jobs.resolve("broken.yml"), "type: backup\ncron: 'every night'\n");

        BackupCli.Run backup = once(jobs, "nightly-backup");
        assertThat(backup.exitCode()).as(backup.err()).isZero();
        assertThat(backup.err()).as("the broken file is a warning").contains("warning: ").contains("broken.yml: field 'cron'");
        assertThat(dir.resolve("backups/acme.db")).isRegularFile();
        assertThat(Files.getPosixFilePermissions(dir.resolve("backups")))
                .as("the store's folder is the owner's only").isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(entry("nightly-backup").getLevel()).isEqualTo(Level.INFO);
        assertThat(entry("nightly-backup").getFormattedMessage()).contains("snapshot 1 of " + emulator.account("acme").baseUrl() + " complete")
                .contains("requests in");

        BackupCli.Run export = once(jobs, "weekly-export");
        assertThat(export.exitCode()).as(export.err()).isZero();
        try (Stream<Path> exports = Files.list(dir.resolve("exports"))) {
            assertThat(exports.map(file -> file.getFileName().toString())).singleElement().asString().matches("acme-\\d{4}-\\d{2}-\\d{2}\\.xml\\.gz");
        }

        BackupCli.Run migration = once(jobs, "migrate-to-new-account");
        assertThat(migration.exitCode()).as(migration.err()).isZero();
        assertThat(entry("migrate-to-new-account").getFormattedMessage()).as("the restore's whole report in the log")
                .contains("requests sent")
                .contains("not restored:")
                .contains("friends page ")
                .contains("gallery 'Sintra photos' (3 images): the API has no way to upload image files")
                .contains("attachment 'tap-boarding-passes.pdf': the API has no way to upload attachment files")
                .contains("email(s): the API cannot create emails");
        assertThat(emulator.account("acme-new").data().allPages()).isNotEmpty();
    }

    @Test
    void aFailedRunIsLoggedAsAnErrorWithTheCommandsErrorLine() throws IOException {
        Path jobs = shippedJobs();
        Files.writeString(dir.resolve("secrets/acme.token"), "0000000000000000000000000000000000000000\n");

        BackupCli.Run refused = once(jobs, "nightly-backup");

        assertThat(refused.exitCode()).isEqualTo(3);
        ILoggingEvent entry = entry("nightly-backup");
        assertThat(entry.getLevel()).isEqualTo(Level.ERROR);
        assertThat(entry.getFormattedMessage().lines().findFirst().orElseThrow())
                .contains("job nightly-backup (backup) account " + emulator.account("acme").baseUrl() + ": failed with exit 3")
                .contains("error: ").containsIgnoringCase("token");
    }

    // ---- fixtures -----------------------------------------------------------------------

    /** The repository's jobs/ as shipped, their accounts pointed at the emulator's, with token files where they say. */
    private Path shippedJobs() throws IOException {
        Path jobs = Files.createDirectories(dir.resolve("jobs"));
        try (Stream<Path> shipped = Files.list(Path.of("jobs"))) {
            for (Path file : shipped.filter(f -> f.toString().endsWith(".yml")).toList()) {
                Files.writeString(jobs.resolve(file.getFileName()), Files.readString(file)
                        .replace("https://acme.backpackit.com", emulator.account("acme").baseUrl())
                        .replace("https://acme-new.backpackit.com", emulator.account("acme-new").baseUrl()));
            }
        }
        Files.createDirectories(dir.resolve("secrets"));
        Files.writeString(dir.resolve("secrets/acme.token"), emulator.account("acme").token() + "\n");
        Files.writeString(dir.resolve("secrets/acme-new.token"), emulator.account("acme-new").token() + "\n");
        return jobs;
    }

    @Test
    void aVerifyJobWithRestoreTestProvesTheLatestSnapshotRestores() throws IOException {
        BackpackEmulator.HostedAccount acme = emulator.account("acme");
        Path store = dir.resolve("acme.db");
        Path token = Files.writeString(dir.resolve("acme.token"), acme.token() + "\n");
        BackupCli.Run backup = BackupCli.inProcess("backup", "--account", acme.baseUrl(), "--token-file", token.toString(), "--db",
                store.toString(), "--progress", "none");
        assertThat(backup.exitCode()).as(backup.err()).isZero();
        Path jobs = Files.createDirectories(dir.resolve("verify-jobs"));
        Files.writeString(jobs.resolve("weekly-verify.yml"), "type: verify\ncron: '0 0 3 ? * SUN'\ndb: " + store + "\nrestore-test: true\n");

        BackupCli.Run run = once(jobs, "weekly-verify");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(entry("weekly-verify").getFormattedMessage()).as("the restore test's verdict in the log")
                .contains("OK: snapshot 1 restores: restored into an empty emulator account and backed up again");
    }

    private static BackupCli.Run once(Path jobs, String name) {
        return BackupCli.inProcess("schedule", "--jobs", jobs.toString(), "--once", name);
    }

    /** The log entry of the job's latest run. */
    private ILoggingEvent entry(String job) {
        List<ILoggingEvent> runs = List.copyOf(log.list).stream()
                .filter(event -> event.getFormattedMessage().startsWith("job " + job + " (")).toList();
        assertThat(runs).as("log entries of %s", job).isNotEmpty();
        return runs.get(runs.size() - 1);
    }
}
