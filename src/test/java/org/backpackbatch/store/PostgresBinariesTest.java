package org.backpackbatch.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which installed PostgreSQL the tests run, and what they say when there is none. */
class PostgresBinariesTest {

    @TempDir
    Path versions;

    @Test
    void takesTheNewestVersionThatHasBothPrograms() throws Exception {
        install("9.6", "initdb", "pg_ctl");
        install("15", "initdb", "pg_ctl");
        install("16", "initdb");
        Files.createDirectories(versions.resolve("common/bin"));

        assertThat(PostgresBinaries.newestFirst(versions)).containsExactly(
                versions.resolve("16/bin"), versions.resolve("15/bin"), versions.resolve("9.6/bin"));
        assertThat(PostgresBinaries.firstComplete(PostgresBinaries.newestFirst(versions)).directory())
                .isEqualTo(versions.resolve("15/bin"));
    }

    @Test
    void saysWhatToInstallWhenNoServerIsFound() {
        assertThatThrownBy(() -> PostgresBinaries.firstComplete(PostgresBinaries.newestFirst(versions.resolve("none"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("initdb and pg_ctl")
                .hasMessageContaining("apt-get install -y --no-install-recommends postgresql");
    }

    private void install(String version, String... programs) throws Exception {
        Path bin = Files.createDirectories(versions.resolve(version).resolve("bin"));
        for (String program : programs) {
            Files.createFile(bin.resolve(program), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        }
    }
}
