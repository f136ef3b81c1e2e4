package org.backpackbatch.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.backpackbatch.store.StoreLocation.PostgresDatabase;
import org.postgresql.ds.PGSimpleDataSource;
import org.postgresql.util.PSQLException;

/**
 * The PostgreSQL database of a store, as {@link StoreFile} is an SQLite store's file: reached with
 * its password, and checked before anything is written to it (a store, or empty; never another
 * program's database). A failure to reach it says what a person can do: a server that cannot be
 * reached is a run-time failure that the same command overcomes later (exit 1); a refused login, a
 * missing database or someone else's database is configuration (exit 2).
 */
final class StoreDatabase {

    /** Driver settings the URL may override: a name the server's activity lists show, and no endless wait for a dead server. */
    private static final Map<String, String> DEFAULTS = Map.of(
            "ApplicationName", "backpack-batch",
            "connectTimeout", "10",
            "loginTimeout", "30",
            "tcpKeepAlive", "true",
            // one INSERT of many rows for a batch of inserts: a chunk's new versions in one round trip
            "reWriteBatchedInserts", "true");

    private StoreDatabase() {
    }

    /** A source of connections to the database, as the user it names, with the password from where the location says. */
    static PGSimpleDataSource dataSource(PostgresDatabase database) {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setUrl(database.url());
        Properties given = org.postgresql.Driver.parseURL(database.url(), null);
        try {
            for (Map.Entry<String, String> setting : DEFAULTS.entrySet()) {
                if (given == null || !given.containsKey(setting.getKey())) {
                    source.setProperty(setting.getKey(), setting.getValue());
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the PostgreSQL driver refused a setting: " + e.getMessage(), e);
        }
        source.setUser(database.user());
        source.setPassword(DatabasePassword.of(database, System.getenv()));
        return source;
    }

    /** A connection of its own, or the failure as a person can act on it. */
    static Connection connect(PostgresDatabase database, PGSimpleDataSource source) {
        try {
            return source.getConnection();
        } catch (SQLException e) {
            throw failure(database, e);
        }
    }

    /**
     * What a failure to connect means, in one line: the driver's words for a server that cannot be
     * reached, the server's for a refusal. Neither ever holds the password.
     */
    static RuntimeException failure(PostgresDatabase database, SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String says = serverSays(e);
        String login = "PostgreSQL at " + database.server() + " refused the login of user " + database.user() + " to the database "
                + database.database();
        return switch (state) {
            case "28P01" -> new StoreProblem(login + ": the password is wrong; check $" + DatabasePassword.VARIABLE
                    + " or --db-password-file");
            case "28000" -> new StoreProblem(login + ": " + says);
            case "08004" -> new StoreProblem(login + ": " + says + " (give the password in $" + DatabasePassword.VARIABLE
                    + " or a file named by --db-password-file)");
            case "3D000" -> new StoreProblem("PostgreSQL at " + database.server() + " has no database " + database.database()
                    + ": create it (createdb " + database.database() + ") or correct --db");
            default -> new StoreUnavailable("cannot reach the store " + database + ": " + says
                    + (state.startsWith("08") ? "; is the server running, and are the host and port right?" : ""));
        };
    }

    /** The server's own message when it sent one, else the driver's, on one line. */
    private static String serverSays(SQLException e) {
        String message = e instanceof PSQLException psql && psql.getServerErrorMessage() != null
                ? psql.getServerErrorMessage().getMessage() : e.getMessage();
        message = message == null ? e.getClass().getSimpleName() : message;
        return message.lines().findFirst().orElse(message).strip();
    }

    /**
     * A database with tables but without a store's Flyway history is someone else's (migrating it
     * would add a store's tables to it); an empty one becomes a store.
     */
    static void checkIsAStore(Connection connection, PostgresDatabase database) throws SQLException {
        List<String> tables = column(connection, Dialect.POSTGRESQL.tablesQuery());
        if (tables.isEmpty()) {
            return;
        }
        if (tables.contains(StoreSchema.HISTORY)) {
            List<String> first = column(connection, "SELECT script FROM " + StoreSchema.HISTORY + " WHERE version = '1'");
            if (first.isEmpty() || first.get(0).equals(Dialect.POSTGRESQL.firstMigration())) {
                return;
            }
        }
        throw new StoreProblem("the database " + database.database() + " at " + database.server() + " is not a backpack-batch store (it holds "
                + (tables.size() <= 3 ? "the tables " + String.join(", ", tables)
                        : tables.size() + " tables: " + String.join(", ", tables.subList(0, 3)) + ", ...")
                + "); it was left as it is: give --db an empty database");
    }

    private static List<String> column(Connection connection, String query) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(query)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        }
    }
}
