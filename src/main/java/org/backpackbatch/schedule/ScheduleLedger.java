package org.backpackbatch.schedule;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import org.backpackbatch.store.StoreFile;

/**
 * The schedule's own rows in a job's store: a lease per job (only its holder runs it; a lease
 * not renewed runs out, so a crashed daemon never blocks the job for long) and the scheduled time
 * of its last run.
 */
final class ScheduleLedger {

    static final Duration LEASE = Duration.ofMinutes(2);

    private final Path store;

    ScheduleLedger(Path store) {
        this.store = store;
    }

    /** Takes the job's lease for {@code holder}, or returns false when another holder has it. */
    boolean acquire(String job, String holder) {
        StoreFile.prepare(store, true, true);
        return update("INSERT OR IGNORE INTO schedule_jobs (name) VALUES (?)", job) >= 0
                && update("UPDATE schedule_jobs SET holder = ?, lease_until = ? WHERE name = ? AND (holder IS NULL OR lease_until < ?)",
                        holder, leaseEnd(), job, Instant.now().toEpochMilli()) == 1;
    }

    /** Keeps the lease while the job runs. */
    void renew(String job, String holder) {
        update("UPDATE schedule_jobs SET lease_until = ? WHERE name = ? AND holder = ?", leaseEnd(), job, holder);
    }

    /** Gives the lease back and records the run's scheduled time. */
    void release(String job, String holder, Instant firedFor) {
        update("UPDATE schedule_jobs SET holder = NULL, lease_until = NULL, last_fire_at = ? WHERE name = ? AND holder = ?",
                firedFor.toEpochMilli(), job, holder);
    }

    /** The scheduled time of the job's last run on this store, or null if it never ran. */
    Instant lastFire(String job) {
        if (!store.toFile().exists()) {
            return null;
        }
        StoreFile.prepare(store, false, false);
        try (Connection connection = DriverManager.getConnection(StoreFile.jdbcUrl(store));
             PreparedStatement query = connection.prepareStatement("SELECT last_fire_at FROM schedule_jobs WHERE name = ?")) {
            query.setString(1, job);
            try (ResultSet row = query.executeQuery()) {
                if (row.next()) {
                    long millis = row.getLong(1);
                    return row.wasNull() ? null : Instant.ofEpochMilli(millis);
                }
                return null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the schedule of " + job + " in " + store + ": " + e.getMessage(), e);
        }
    }

    private static long leaseEnd() {
        return Instant.now().plus(LEASE).toEpochMilli();
    }

    private int update(String sql, Object... parameters) {
        try (Connection connection = DriverManager.getConnection(StoreFile.jdbcUrl(store));
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot update the schedule in " + store + ": " + e.getMessage(), e);
        }
    }
}
