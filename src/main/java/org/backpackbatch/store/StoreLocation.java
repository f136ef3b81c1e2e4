package org.backpackbatch.store;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Where a store is, as {@code --db} names it: an SQLite file (the embedded default) or a PostgreSQL
 * database (many accounts, many machines). The location is what every command passes around, so
 * that the kind of store matters only inside the store. It never holds a password: a PostgreSQL
 * store's comes from {@code $BACKPACK_DB_PASSWORD} or a file when it is opened.
 */
public sealed interface StoreLocation {

    /** How {@code --db} names a PostgreSQL database. */
    String POSTGRESQL_PREFIX = "jdbc:postgresql:";

    /** The location {@code --db} gives; a blank value, another kind of URL, or a URL that carries a password is refused. */
    static StoreLocation parse(String text) {
        if (text == null || text.isBlank()) {
            throw new StoreProblem("no store given: name one with --db FILE or --db " + POSTGRESQL_PREFIX + "//HOST:PORT/DATABASE?user=NAME");
        }
        String value = text.strip();
        if (!namesAFile(value)) {
            return PostgresDatabase.parse(value);
        }
        if (PostgresDatabase.URL_SCHEME.matcher(value).find()) {
            throw new StoreProblem("--db takes an SQLite file or a PostgreSQL database as " + POSTGRESQL_PREFIX
                    + "//HOST:PORT/DATABASE?user=NAME, not another kind of URL");
        }
        return new SqliteFile(Path.of(value));
    }

    /** Whether {@code --db} text names a file (relative to where a job file is), not a database. */
    static boolean namesAFile(String text) {
        return !text.strip().regionMatches(true, 0, POSTGRESQL_PREFIX, 0, POSTGRESQL_PREFIX.length());
    }

    /** The SQLite file {@code file}. */
    static StoreLocation file(Path file) {
        return new SqliteFile(file);
    }

    Dialect dialect();

    /** The same store, its password (PostgreSQL) read from {@code passwordFile}; an SQLite file has none, and refuses one. */
    StoreLocation withPasswordFile(Path passwordFile);

    /** The files that make up the store, which no output may ever overwrite (a database has none on this machine). */
    List<Path> files();

    /** A store in an SQLite file. */
    record SqliteFile(Path file) implements StoreLocation {

        @Override
        public Dialect dialect() {
            return Dialect.SQLITE;
        }

        @Override
        public StoreLocation withPasswordFile(Path passwordFile) {
            throw new StoreProblem("--db-password-file is for a PostgreSQL store, and --db names the SQLite file " + file);
        }

        @Override
        public List<Path> files() {
            return StoreFile.files(file);
        }

        @Override
        public String toString() {
            return file.toString();
        }
    }

    /**
     * A store in a PostgreSQL database, as its JDBC URL names it (host, port, database, user, and any
     * of the driver's settings), and the file its password is read from (null: the environment).
     */
    record PostgresDatabase(String url, String host, String port, String database, String user, Path passwordFile)
            implements StoreLocation {

        private static final Pattern URL_SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://");

        static PostgresDatabase parse(String url) {
            // the URL itself is never repeated in these messages: a password it holds would show with it
            String lower = url.toLowerCase(Locale.ROOT);
            int authority = lower.indexOf("//");
            int end = authority < 0 ? -1 : indexOfAny(lower, authority + 2, "/?");
            String credentials = authority < 0 || !lower.substring(authority, end < 0 ? lower.length() : end).contains("@") ? ""
                    : lower.substring(authority + 2, lower.indexOf('@', authority));
            if (lower.contains("password=") || credentials.contains(":")) {
                throw new StoreProblem("the --db URL carries a password, which would show on the command line and in ps: remove it"
                        + " and give the password in $" + DatabasePassword.VARIABLE + " or a file named by --db-password-file");
            }
            if (!credentials.isEmpty()) {
                throw new StoreProblem("the --db URL names its user before the host: write it as ?user=NAME after the database");
            }
            Properties parsed = org.postgresql.Driver.parseURL(url, null);
            if (parsed == null || parsed.getProperty("PGDBNAME", "").isEmpty()) {
                throw new StoreProblem("the --db URL is not one the PostgreSQL driver reads: write " + POSTGRESQL_PREFIX
                        + "//HOST:PORT/DATABASE?user=NAME");
            }
            return new PostgresDatabase(url, parsed.getProperty("PGHOST"), parsed.getProperty("PGPORT"), parsed.getProperty("PGDBNAME"),
                    parsed.getProperty("user", System.getProperty("user.name")), null);
        }

        private static int indexOfAny(String text, int from, String characters) {
            for (int i = from; i < text.length(); i++) {
                if (characters.indexOf(text.charAt(i)) >= 0) {
                    return i;
                }
            }
            return -1;
        }

        @Override
        public Dialect dialect() {
            return Dialect.POSTGRESQL;
        }

        @Override
        public StoreLocation withPasswordFile(Path file) {
            return new PostgresDatabase(url, host, port, database, user, file);
        }

        @Override
        public List<Path> files() {
            return List.of();
        }

        /** The server as a person names it: HOST:PORT. */
        public String server() {
            return host + ":" + port;
        }

        @Override
        public String toString() {
            return url;
        }
    }
}
