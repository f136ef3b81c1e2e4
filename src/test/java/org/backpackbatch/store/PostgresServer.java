package org.backpackbatch.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import com.sun.security.auth.module.UnixSystem;

/**
 * A private PostgreSQL cluster for the tests, run by the installed server programs: initialised in a
 * fresh temporary folder, listening on a free port of 127.0.0.1 only, with durability off (its data
 * is thrown away). One cluster serves the whole test JVM ({@link #shared()}); each test takes its own
 * database ({@link #createDatabase()}). A janitor process stops the server and deletes its folder
 * when the JVM exits, also when the JVM is killed.
 */
public final class PostgresServer implements AutoCloseable {

    /** The superuser initdb creates; trust authentication lets it in without a password, over loopback only. */
    private static final String SUPERUSER = "postgres";
    /** The role whose members log in with a password (scram-sha-256), as a production server asks: see {@link #createLogin()}. */
    private static final String PASSWORD_LOGINS = "password_logins";
    /** PostgreSQL refuses to run as root, so a root JVM (CI) runs it as the system user Debian's package creates. */
    private static final String SERVER_ACCOUNT = "postgres";
    /** Another process may take the free port between our probe and the server's bind: try a new one. */
    private static final int PORT_ATTEMPTS = 3;
    private static final String DURABILITY_OFF = "-c fsync=off -c synchronous_commit=off -c full_page_writes=off";

    private static PostgresServer shared;
    private static RuntimeException sharedFailure;

    private final Path folder;
    private final int port;
    private final Process janitor;
    private final AtomicInteger databases = new AtomicInteger();

    private PostgresServer(Path folder, int port, Process janitor) {
        this.folder = folder;
        this.port = port;
        this.janitor = janitor;
    }

    /** The test JVM's cluster, started on first use; a failed start fails every later caller with the same reason. */
    public static synchronized PostgresServer shared() {
        if (shared == null) {
            if (sharedFailure != null) {
                throw new IllegalStateException(sharedFailure.getMessage(), sharedFailure);
            }
            try {
                shared = start();
            } catch (RuntimeException e) {
                sharedFailure = e;
                throw e;
            }
        }
        return shared;
    }

    /** A cluster of its own, for a test about the cluster itself; {@link #close()} stops it. */
    static PostgresServer start() {
        long startedAt = System.nanoTime();
        PostgresBinaries binaries = PostgresBinaries.installed();
        Optional<UserPrincipal> serverAccount = new UnixSystem().getUid() == 0 ? Optional.of(serverAccount()) : Optional.empty();
        Path folder;
        try {
            folder = Files.createTempDirectory("backpack-batch-postgres-");
            if (serverAccount.isPresent()) {
                Files.setOwner(folder, serverAccount.get());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not prepare a folder for the test PostgreSQL cluster: " + e.getMessage(), e);
        }
        Path data = folder.resolve("data");
        Process janitor = startJanitor(folder, asServerAccount(serverAccount,
                binaries.pgCtl().toString(), "-D", data.toString(), "-m", "immediate", "-w", "stop"));
        try {
            ProcessOutcome initdb = run(folder, asServerAccount(serverAccount, binaries.initdb().toString(),
                    "-D", data.toString(), "-A", "trust", "-U", SUPERUSER, "--no-sync", "-E", "UTF8", "--locale=C"));
            if (initdb.exitCode() != 0) {
                throw new IllegalStateException("initdb failed (exit " + initdb.exitCode() + "): " + initdb.output());
            }
            askPasswordsOfLogins(data.resolve("pg_hba.conf"));
            PostgresServer server = new PostgresServer(folder, startServer(binaries, serverAccount, folder, data), janitor);
            server.execute("CREATE ROLE " + PASSWORD_LOGINS + " NOLOGIN");
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "test-postgres-stop"));
            System.err.printf("PostgreSQL %s for the tests started in %d ms on 127.0.0.1:%d (%s)%n", server.version(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt), server.port, folder);
            return server;
        } catch (RuntimeException e) {
            stop(janitor);
            throw e;
        }
    }

    /** A new, empty database of this cluster, and its JDBC URL. */
    public String createDatabase() {
        String name = "test_" + databases.incrementAndGet();
        execute("CREATE DATABASE " + name);
        return jdbcUrl(name);
    }

    /** A new database of this cluster holding what {@code url}'s holds now (nobody may be connected to it), and its JDBC URL. */
    public String copyDatabase(String url) {
        String name = "test_" + databases.incrementAndGet();
        String source = url.substring(url.lastIndexOf('/') + 1, url.indexOf('?'));
        execute("CREATE DATABASE " + name + " TEMPLATE " + source);
        return jdbcUrl(name);
    }

    /** A role that logs in with its password, and a new, empty database it owns. */
    public record Login(String url, String user, String password) {
    }

    /** A login the server asks a password of (scram-sha-256), as a production server does, owning a new, empty database. */
    public Login createLogin() {
        int number = databases.incrementAndGet();
        String user = "login_" + number;
        byte[] secret = new byte[16];
        new SecureRandom().nextBytes(secret);
        String password = HexFormat.of().formatHex(secret);
        execute("CREATE ROLE " + user + " LOGIN PASSWORD '" + password + "' IN ROLE " + PASSWORD_LOGINS);
        execute("CREATE DATABASE test_" + number + " OWNER " + user);
        return new Login("jdbc:postgresql://127.0.0.1:" + port + "/test_" + number + "?user=" + user, user, password);
    }

    /** Runs a statement as the superuser in the cluster's maintenance database. */
    private void execute(String sql) {
        try (Connection admin = DriverManager.getConnection(jdbcUrl("postgres"));
             Statement statement = admin.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("could not run '" + sql.replaceAll("PASSWORD '[^']*'", "PASSWORD '...'")
                    + "' in the test PostgreSQL on port " + port + ": " + e.getMessage(), e);
        }
    }

    /** initdb trusts every local login; the members of {@link #PASSWORD_LOGINS} are asked their password first (pg_hba's first match wins). */
    private static void askPasswordsOfLogins(Path hba) {
        try {
            Files.writeString(hba, "host all +" + PASSWORD_LOGINS + " 127.0.0.1/32 scram-sha-256\n" + Files.readString(hba));
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + hba + ": " + e.getMessage(), e);
        }
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=" + SUPERUSER;
    }

    int port() {
        return port;
    }

    Path folder() {
        return folder;
    }

    /** Stops the server and deletes its folder; the shared cluster is closed when the JVM exits. */
    @Override
    public void close() {
        stop(janitor);
    }

    private String version() {
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"));
             Statement statement = connection.createStatement();
             ResultSet version = statement.executeQuery("SHOW server_version")) {
            version.next();
            return version.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException("the test PostgreSQL started on port " + port + " but connecting to it failed: "
                    + e.getMessage(), e);
        }
    }

    private static UserPrincipal serverAccount() {
        try {
            return FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName(SERVER_ACCOUNT);
        } catch (UserPrincipalNotFoundException e) {
            throw new IllegalStateException("the tests run as root and PostgreSQL refuses to run as root, so they run it as"
                    + " the system user '" + SERVER_ACCOUNT + "', which does not exist: install the PostgreSQL server,"
                    + " on Debian or Ubuntu with `apt-get install -y --no-install-recommends postgresql` (it creates that user).", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int startServer(PostgresBinaries binaries, Optional<UserPrincipal> serverAccount, Path folder, Path data) {
        Path log = folder.resolve("server.log");
        for (int attempt = 1; ; attempt++) {
            int port = freeLoopbackPort();
            String options = "-p " + port + " -k '" + folder + "' -c listen_addresses=127.0.0.1 " + DURABILITY_OFF;
            try {
                Files.deleteIfExists(log);
                ProcessOutcome outcome = run(folder, asServerAccount(serverAccount, binaries.pgCtl().toString(),
                        "-D", data.toString(), "-l", log.toString(), "-w", "-t", "60", "-o", options, "start"));
                if (outcome.exitCode() == 0) {
                    return port;
                }
                String serverLog = Files.exists(log) ? Files.readString(log) : "(no server log)";
                if (!serverLog.contains("could not bind") || attempt == PORT_ATTEMPTS) {
                    throw new IllegalStateException("pg_ctl start failed (exit " + outcome.exitCode() + "): "
                            + outcome.output() + "\nserver log:\n" + serverLog);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("could not start the test PostgreSQL: " + e.getMessage(), e);
            }
        }
    }

    private static int freeLoopbackPort() {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> asServerAccount(Optional<UserPrincipal> serverAccount, String... command) {
        List<String> line = new ArrayList<>();
        serverAccount.ifPresent(account -> line.addAll(List.of("runuser", "-u", account.getName(), "--")));
        line.addAll(List.of(command));
        return line;
    }

    /**
     * Waits, deaf to signals, for its standard input to close (which happens however the JVM ends), then runs
     * the stop command and deletes the folder.
     */
    private static Process startJanitor(Path folder, List<String> stopCommand) {
        List<String> command = new ArrayList<>(List.of("sh", "-c",
                "trap '' HUP INT TERM; cat > /dev/null; folder=$1; shift; \"$@\" > /dev/null 2>&1; rm -rf \"$folder\"",
                "test-postgres-janitor", folder.toString()));
        command.addAll(stopCommand);
        try {
            return new ProcessBuilder(command).directory(folder.toFile())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the test PostgreSQL's janitor: " + e.getMessage(), e);
        }
    }

    private static void stop(Process janitor) {
        try {
            janitor.getOutputStream().close();
            janitor.waitFor(1, TimeUnit.MINUTES);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record ProcessOutcome(int exitCode, String output) {
    }

    /** Runs a program in the cluster's folder (readable by the server account) and collects what it printed. */
    private static ProcessOutcome run(Path folder, List<String> command) {
        try {
            Process process = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true).start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return new ProcessOutcome(process.waitFor(), output);
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + command + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
    }
}
