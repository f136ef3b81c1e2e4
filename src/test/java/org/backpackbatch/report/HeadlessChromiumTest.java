package org.backpackbatch.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the rendering tests find Chromium, and what they say when there is none. */
class HeadlessChromiumTest {

    @TempDir
    Path dir;

    @Test
    void takesTheFirstProgramThatIsThere() throws Exception {
        Path browser = Files.createFile(dir.resolve("chromium-browser"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));

        assertThat(HeadlessChromium.find(List.of(dir.resolve("chromium"), browser))).contains(browser);
        assertThat(HeadlessChromium.find(List.of(dir.resolve("chromium")))).isEmpty();
    }

    @Test
    void saysWhatToInstallWhenChromiumIsMissing() {
        assertThat(HeadlessChromium.missing("Run as root, or install it: ")).isEqualTo("Chromium was not found at"
                + " [/usr/bin/chromium, /usr/bin/chromium-browser]; the report tests render the page in it. Run as root, or install it:"
                + " `apt-get install -y --no-install-recommends chromium` (Debian 12; .ci/run does this when it is missing).");
    }
}
