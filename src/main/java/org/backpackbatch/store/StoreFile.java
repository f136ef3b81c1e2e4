package org.backpackbatch.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.sqlite.SQLiteDataSource;

/**
 * The SQLite file of a store: checked before anything opens it (is it SQLite at all, can it be
 * written, was it written by a newer version?) and created or upgraded with the Flyway
 * migrations of {@code db/}.
 */
public final class StoreFile {

    private static final byte[] SQLITE_HEADER = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

    private StoreFile() {
    }

    /** The JDBC URL with the pragmas every connection needs: WAL, one writer at a time, waits instead of failing. */
    public static String jdbcUrl(Path file) {
        return jdbcUrl(file, true);
    }

    /** Migrations run with foreign keys off, as SQLite's procedure for rebuilding a table asks (a drop then cascades nothing). */
    private static String jdbcUrl(Path file, boolean foreignKeys) {
        return "jdbc:sqlite:" + file.toAbsolutePath()
                + "?journal_mode=WAL&synchronous=NORMAL&busy_timeout=60000&foreign_keys=" + foreignKeys + "&transaction_mode=IMMEDIATE";
    }

    /**
     * Makes the store ready: creates it when {@code create} and missing, checks it, migrates it.
     * Problems a user must fix are {@link StoreProblem}s with one clear sentence.
     */
    public static void prepare(Path file, boolean create, boolean writable) {
        if (!Files.exists(file)) {
            if (!create) {
                throw new StoreProblem("no store at " + file + "; a backup creates one");
            }
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null && !Files.isDirectory(parent)) {
                throw new StoreProblem("cannot create the store " + file + ": its folder does not exist");
            }
        } else {
            checkIsSqlite(file);
            if (writable && !Files.isWritable(file)) {
                throw new StoreProblem("the store " + file + " is read-only; this command needs to write to it");
            }
        }
        migrate(file);
    }

    private static void checkIsSqlite(Path file) {
        if (Files.isDirectory(file)) {
            throw new StoreProblem(file + " is a folder, not a store file");
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] header = in.readNBytes(SQLITE_HEADER.length);
            if (header.length > 0 && !Arrays.equals(header, SQLITE_HEADER)) {
                throw new StoreProblem(file + " is not a backpack-batch store (not an SQLite file)");
            }
        } catch (IOException e) {
            throw new StoreProblem("cannot read the store " + file + ": " + e.getMessage());
        }
    }

    private static void migrate(Path file) {
        SQLiteDataSource dataSource = new SQLiteDataSource();
        dataSource.setUrl(jdbcUrl(file, false));
        Flyway flyway = Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .ignoreMigrationPatterns("*:future")
                .load();
        // a migration the store has applied but this version does not know: written by a newer backpack-batch
        Arrays.stream(flyway.info().applied())
                .filter(info -> info.getState().name().startsWith("FUTURE"))
                .map(MigrationInfo::getVersion)
                .max(MigrationVersion::compareTo)
                .ifPresent(newer -> {
                    throw new StoreProblem("the store " + file + " was written by a newer backpack-batch (schema version "
                            + newer + "); upgrade backpack-batch to use it");
                });
        flyway.migrate();
    }
}
