package org.backpackbatch.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.backpackbatch.backup.BackupTimeoutTest.TOKEN;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.backpackbatch.api.ClientSettings;
import org.backpackbatch.api.StalledServer;
import org.backpackbatch.store.Store;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --timeout} bounds each request of a backup from sending to the last byte of its answer: a
 * server trickling its answer no longer holds a backup at 0% for ever, it fails it within seconds.
 */
class BackupTimeoutIT {

    private static final String PAGES = "<response success='true'><pages>"
            + "<page id='1' title='Plans' scope='personal'/><page id='2' title='Trip' scope='personal'/></pages></response>";

    @Test
    void aServerTricklingItsAnswerFailsTheBackupWithExit1NamingTheTimeout(@TempDir Path dir) throws Exception {
        Path tokenFile = Files.writeString(dir.resolve("token"), TOKEN + "\n");
        Path store = dir.resolve("store.db");
        // five bytes a second: every read is answered quickly, only the whole answer is too slow
        try (StalledServer server = StalledServer.trickling(PAGES, Duration.ofMillis(200))) {
            BackupCli.Run run = BackupCli.inProcess("backup", "--account", server.accountUrl(), "--token-file", tokenFile.toString(),
                    "--db", store.toString(), "--timeout", "1", "--progress", "none");

            assertThat(run.exitCode()).as("exit code; stderr: %s", run.err()).isEqualTo(1);
            int attempts = ClientSettings.defaults().maxAttempts();
            assertThat(run.errorLines()).singleElement().asString()
                    .contains("failed " + attempts + " times")
                    .contains("no complete answer within 1 s");
            assertThat(run.err()).doesNotContain("\tat ");
            assertThat(server.requests()).isEqualTo(attempts);
            run.assertNoToken(TOKEN);
        }
        if (Files.exists(store)) {
            try (Store session = Store.open(store, Store.Access.READ)) {
                assertThat(session.snapshots().snapshots(null)).noneMatch(snapshot -> snapshot.complete());
            }
        }
    }
}
