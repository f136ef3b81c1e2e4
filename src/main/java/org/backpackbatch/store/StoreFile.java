package org.backpackbatch.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.sqlite.JDBC;

/**
 * The SQLite file of a store: checked before anything opens it (a regular file in a folder that
 * exists, SQLite at all, a store and not someone else's database, one name, can it be written?);
 * a new store is created empty, private to its owner.
 */
public final class StoreFile {

    private static final byte[] SQLITE_HEADER = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
    /** SQLite's files beside a database, named after it. */
    private static final List<String> COMPANIONS = List.of("-wal", "-shm", "-journal");

    private StoreFile() {
    }

    /** The JDBC URL with the pragmas every connection needs: WAL, one writer at a time, waits instead of failing. */
    public static String jdbcUrl(Path file) {
        return jdbcUrl(file, true);
    }

    /** Migrations run with foreign keys off, as SQLite's procedure for rebuilding a table asks (a drop then cascades nothing). */
    static String jdbcUrl(Path file, boolean foreignKeys) {
        return sqliteUrl(file, "journal_mode=WAL&synchronous=NORMAL&busy_timeout=60000&foreign_keys=" + foreignKeys
                + "&transaction_mode=IMMEDIATE");
    }

    /**
     * Connections to the store made from {@link #jdbcUrl} alone. Not SQLite's own DataSource: it puts
     * its defaults (a DEFERRED begin, a 3 s busy timeout) before the URL's, and a transaction that
     * read before it wrote then failed at once (SQLITE_BUSY_SNAPSHOT) when another connection had written in between.
     */
    static DataSource dataSource(Path file, boolean foreignKeys) {
        return new UrlDataSource(jdbcUrl(file, foreignKeys));
    }

    /**
     * Keeps the login timeout its pool sets: the pool waits that long, when it closes, for a
     * connection it is still adding (with none, it logs a warning at once on a slow machine).
     */
    private static final class UrlDataSource extends SimpleDriverDataSource {
        private volatile int loginTimeout;

        UrlDataSource(String url) {
            super(new JDBC(), url);
        }

        @Override
        public int getLoginTimeout() {
            return loginTimeout;
        }

        @Override
        public void setLoginTimeout(int seconds) {
            loginTimeout = seconds;
        }
    }

    /**
     * The JDBC URL of any SQLite file with its {@code parameters}: a file URI, so that a '?' or '#' in
     * the path is part of the name and not the start of the parameters (the file SQLite opened was
     * otherwise the path cut short at it).
     */
    public static String sqliteUrl(Path file, String parameters) {
        return "jdbc:sqlite:" + file.toAbsolutePath().toUri() + "?" + parameters;
    }

    /**
     * A connection to the SQLite file {@code file} with its {@code parameters}, from SQLite's driver
     * itself: {@code DriverManager} would first load every JDBC driver on the class path (PostgreSQL's
     * too), a tenth of a short command's start-up.
     */
    public static Connection sqliteConnection(Path file, String parameters) throws SQLException {
        return JDBC.createConnection(sqliteUrl(file, parameters), new Properties());
    }

    /**
     * Checks the store and creates it (an empty file, private to its owner) when {@code create} and
     * missing. Problems a user must fix are {@link StoreProblem}s with one clear sentence.
     */
    static void prepare(Path file, boolean create, boolean writable) {
        check(file, create, writable);
        if (!Files.exists(file)) {
            try {
                OutputFile.at(file).create();
            } catch (OutputFile.Refused e) {
                throw new StoreProblem("cannot create the store " + file + ": " + e.reason());
            }
        }
    }

    /**
     * Everything that can be said about {@code file} as a store before anything touches it: where it
     * is (its folder exists, a regular file or nothing), whether it is a backpack-batch store, that it
     * has one name, and can be written when {@code writable}. Changes nothing.
     */
    public static void check(Path file, boolean create, boolean writable) {
        Path real;
        try {
            real = OutputFile.at(file).realPath();
        } catch (OutputFile.Refused e) {
            throw new StoreProblem((Files.exists(file) ? "cannot use " + file + " as a store"
                    : create ? "cannot create the store " + file : "no store at " + file) + ": " + e.reason());
        }
        if (!Files.exists(real)) {
            if (!create) {
                throw new StoreProblem("no store at " + file + "; a backup creates one");
            }
            return;
        }
        checkIsSqlite(file);
        checkIsAStore(file);
        checkHasOneName(file);
        if (writable && !Files.isWritable(file)) {
            throw new StoreProblem("the store " + file + " is read-only; this command needs to write to it");
        }
    }

    /** The SQLite files of a store as {@code store} spells them: the file, its -wal, -shm and -journal. */
    public static List<Path> sqliteFiles(Path store) {
        return Stream.concat(Stream.of(""), COMPANIONS.stream()).map(suffix -> store.resolveSibling(store.getFileName() + suffix)).toList();
    }

    /** The lock file of a store: beside its real path, so that every name of the store locks the same file. */
    public static Path lockFile(Path store) {
        Path real = OutputFile.at(store).realPath();
        return real.resolveSibling(real.getFileName() + ".lock");
    }

    /** Every file that makes up a store, under the name given and its real name: what no output may ever overwrite. */
    public static List<Path> files(Path store) {
        List<Path> files = new ArrayList<>(sqliteFiles(store));
        try {
            files.addAll(sqliteFiles(OutputFile.at(store).realPath()));
            files.add(lockFile(store));
        } catch (OutputFile.Refused e) {
            files.add(store.resolveSibling(store.getFileName() + ".lock"));
        }
        return files;
    }

    private static void checkIsSqlite(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] header = in.readNBytes(SQLITE_HEADER.length);
            if (header.length > 0 && !Arrays.equals(header, SQLITE_HEADER)) {
                throw new StoreProblem(file + " is not a backpack-batch store (not an SQLite file)");
            }
        } catch (IOException e) {
            throw new StoreProblem("cannot read the store " + file + ": " + e.getMessage());
        }
    }

    /**
     * An SQLite database with tables but without the Flyway history of a store is someone else's:
     * migrating it would add a store's tables to it.
     */
    private static void checkIsAStore(Path file) {
        List<String> tables = lookInto(file, Dialect.SQLITE.tablesQuery());
        if (tables.isEmpty()) {
            return;
        }
        if (tables.contains(StoreSchema.HISTORY)) {
            List<String> first = lookInto(file, "SELECT script FROM " + StoreSchema.HISTORY + " WHERE version = '1'");
            if (first.isEmpty() || first.get(0).equals(Dialect.SQLITE.firstMigration())) {
                return;
            }
        }
        throw new StoreProblem(file + " is an SQLite database but not a backpack-batch store (it holds "
                + (tables.size() <= 3 ? "the tables " + String.join(", ", tables)
                        : tables.size() + " tables: " + String.join(", ", tables.subList(0, 3)) + ", ...")
                + "); it was left as it is: give --db a new file name");
    }

    /** The URLs of the accounts a store holds, read without changing anything; the store must have passed {@link #check}. */
    public static List<String> accountUrls(Path store) {
        return lookInto(store, "SELECT url FROM accounts ORDER BY id");
    }

    /**
     * The first column of a query on a file that may not be a store, read without writing anything:
     * through the WAL when there is one, else as an immutable file, so no -wal or -shm appears beside it.
     */
    private static List<String> lookInto(Path file, String query) {
        boolean wal = Files.exists(file.resolveSibling(file.getFileName() + "-wal")) && Files.exists(file.resolveSibling(file.getFileName() + "-shm"));
        try (Connection connection = sqliteConnection(file, wal ? "mode=ro" : "immutable=1");
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(query)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        } catch (SQLException e) {
            throw IntegrityFailure.damaged(file, e).<RuntimeException>map(damage -> damage)
                    .orElseGet(() -> new StoreProblem("cannot read the store " + file + ": " + e.getMessage()));
        }
    }

    /** SQLite names the -wal and -shm files after the path it opened: a store under two names would have two of each, and two writers. */
    private static void checkHasOneName(Path file) {
        Object links;
        try {
            links = Files.getAttribute(file, "unix:nlink");
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return;
        }
        if (links instanceof Integer count && count > 1) {
            throw new StoreProblem("the store " + file + " has " + count + " names (hard links); SQLite cannot lock a database"
                    + " reached under two names, so two jobs could write it at once: remove the other names, or use a copy");
        }
    }
}
