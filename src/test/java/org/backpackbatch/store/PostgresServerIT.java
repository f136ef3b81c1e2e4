package org.backpackbatch.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The tests' private PostgreSQL: a real server, reachable on loopback only, a database of its own for each caller. */
class PostgresServerIT {

    @Test
    void givesEachCallerADatabaseOfItsOwn() throws Exception {
        PostgresServer server = PostgresServer.shared();
        String first = server.createDatabase();
        String second = server.createDatabase();
        String firstName;
        try (Connection connection = DriverManager.getConnection(first);
             Statement statement = connection.createStatement()) {
            firstName = single(statement, "SELECT current_database()");
            statement.execute("CREATE TABLE accounts (name text PRIMARY KEY)");
            statement.execute("INSERT INTO accounts VALUES ('globex'), ('acme')");
            assertThat(single(statement, "SELECT string_agg(name, ',' ORDER BY name) FROM accounts")).isEqualTo("acme,globex");
        }
        try (Connection connection = DriverManager.getConnection(second);
             Statement statement = connection.createStatement()) {
            assertThat(single(statement, "SELECT current_database()")).isNotEqualTo(firstName);
            assertThat(single(statement, "SELECT coalesce(to_regclass('accounts')::text, 'none')")).isEqualTo("none");
        }
    }

    @Test
    void listensOnLoopbackOnly() throws Exception {
        PostgresServer server = PostgresServer.shared();
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl("postgres"));
             Statement statement = connection.createStatement()) {
            assertThat(single(statement, "SHOW listen_addresses")).isEqualTo("127.0.0.1");
        }
        assertThat(listeners(server.port())).containsExactly(InetAddress.getByName("127.0.0.1"));
    }

    @Test
    void stopsAndDeletesItsFolderWhenClosed() throws Exception {
        PostgresServer own = PostgresServer.start();
        try (Connection connection = DriverManager.getConnection(own.jdbcUrl("postgres"))) {
            assertThat(connection.isValid(5)).isTrue();
        }
        own.close();
        assertThat(own.folder()).doesNotExist();
        assertThat(listeners(own.port())).isEmpty();
        assertThatThrownBy(() -> DriverManager.getConnection(own.jdbcUrl("postgres"))).isInstanceOf(SQLException.class);
    }

    private static String single(Statement statement, String query) throws SQLException {
        try (ResultSet result = statement.executeQuery(query)) {
            assertThat(result.next()).isTrue();
            return result.getString(1);
        }
    }

    /** The addresses on which some socket listens for TCP on this port, as the kernel lists them (Linux). */
    private static List<InetAddress> listeners(int port) throws IOException {
        List<InetAddress> addresses = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            List<String> lines = Files.readAllLines(Path.of(table));
            for (String line : lines.subList(1, lines.size())) {
                String[] fields = line.trim().split("\\s+");
                String[] local = fields[1].split(":");
                if (fields[3].equals("0A") && Integer.parseInt(local[1], 16) == port) {
                    addresses.add(kernelAddress(local[0]));
                }
            }
        }
        return addresses;
    }

    /** The kernel prints each 32-bit word of an address in host byte order (little-endian here). */
    private static InetAddress kernelAddress(String hex) throws UnknownHostException {
        byte[] words = HexFormat.of().parseHex(hex);
        byte[] address = new byte[words.length];
        for (int i = 0; i < words.length; i++) {
            address[i] = words[i - i % 4 + 3 - i % 4];
        }
        return InetAddress.getByAddress(address);
    }
}
