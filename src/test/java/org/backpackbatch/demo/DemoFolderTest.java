package org.backpackbatch.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.stream.Stream;
import org.backpackbatch.backup.BackupCli;
import org.backpackbatch.store.StoreFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.backpackbatch.store.Store;

/** The demo starts again over its own earlier files, and never over a store or a file that is someone else's. */
class DemoFolderTest {

    @TempDir
    Path dir;

    @Test
    void aStoreOfARealAccountInTheDemosFolderIsRefusedAndKept() throws Exception {
        Path store = dir.resolve("store.db");
        Store.open(store, Store.Access.CREATE).close();
        try (Connection connection = DriverManager.getConnection(StoreFile.jdbcUrl(store));
             Statement statement = connection.createStatement()) {
            statement.executeUpdate("INSERT INTO accounts (url) VALUES ('https://acme.backpackit.com')");
            statement.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        }

        refusedAndKept(store, store + " holds the account https://acme.backpackit.com, so it is not an earlier demo's store;"
                + " give --dir a folder of its own");
    }

    @Test
    void aFileOfSomeoneElsesNamedLikeTheDemosStoreIsRefusedAndKept() throws Exception {
        Path store = Files.writeString(dir.resolve("store.db"), "my shopping list\n");

        refusedAndKept(store, store + " is not a backpack-batch store (not an SQLite file)");
    }

    private void refusedAndKept(Path store, String message) throws Exception {
        byte[] before = Files.readAllBytes(store);

        BackupCli.Run run = BackupCli.inProcess("demo", "--dir", dir.toString());

        assertThat(run.exitCode()).as("exit code; stderr: %s", run.err()).isEqualTo(2);
        assertThat(run.errorLines()).containsExactly("error: " + message);
        assertThat(Files.readAllBytes(store)).isEqualTo(before);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).as("nothing else written").containsExactly(store);
        }
    }
}
