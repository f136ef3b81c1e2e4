package org.backpackbatch.schedule;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.backpackbatch.emulator.AccountSpec;
import org.backpackbatch.emulator.BackpackEmulator;
import org.backpackbatch.emulator.EmulatorConfig;
import org.backpackbatch.emulator.FaultPlan;

/**
 * What the daemon tests start from: an emulator account, a folder {@code jobs} with one backup job
 * {@code nightly} of it into {@code store.db}, and queries of that store.
 */
final class BackupJobs implements AutoCloseable {

    private final Path dir;
    private final BackpackEmulator emulator;
    final Path jobs;

    /** The job on {@code cron}, of an account seeded with {@code seed} whose every answer takes {@code latencyMs}. */
    BackupJobs(Path dir, String cron, String seed, int latencyMs) throws IOException {
        this.dir = dir;
        emulator = BackpackEmulator.start(EmulatorConfig.defaults().withAccounts(List.of(new AccountSpec("acme", seed)))
                .withRateLimit(null).withFaults(new FaultPlan(latencyMs, latencyMs, 0, 1)));
        BackpackEmulator.HostedAccount account = emulator.account("acme");
        Files.writeString(dir.resolve("acme.token"), account.token() + "\n");
        jobs = Files.createDirectories(dir.resolve("jobs"));
        Files.writeString(jobs.resolve("nightly.yml"), "type: backup\ncron: \"" + cron + "\"\naccount: " + account.baseUrl()
                + "\ndb: store.db\ntoken-file: acme.token\nrate: 'off'\nworkers: 4\nkeep-last: 3\n");
    }

    long completeSnapshots() {
        return query("SELECT count(*) FROM snapshots WHERE finished_at IS NOT NULL");
    }

    long pagesStored() {
        return query("SELECT coalesce(sum(done), 0) FROM snapshot_worklist");
    }

    /** A number the store answers; 0 while there is no store yet. A store that cannot answer fails the test. */
    long query(String sql) {
        Path store = dir.resolve("store.db");
        if (!Files.exists(store)) {
            return 0;
        }
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + store + "?busy_timeout=10000");
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            return result.next() ? result.getLong(1) : 0;
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed on " + store + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        emulator.close();
    }
}
