package org.backpackbatch.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --timeout} is whole seconds, at least one (what it bounds: {@link BackupTimeoutIT}). */
class BackupTimeoutTest {

    static final String TOKEN = "0123456789abcdef0123456789abcdef01234567";

    @Test
    void aTimeoutUnderOneSecondIsAUsageError(@TempDir Path dir) throws Exception {
        Path tokenFile = Files.writeString(dir.resolve("token"), TOKEN + "\n");

        BackupCli.Run run = BackupCli.inProcess("backup", "--account", "http://127.0.0.1:9/acme", "--token-file", tokenFile.toString(),
                "--db", dir.resolve("store.db").toString(), "--timeout", "0");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errorLines()).singleElement().asString().contains("--timeout must be at least 1 second");
    }
}
