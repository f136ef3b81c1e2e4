package org.backpackbatch.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.backpackbatch.backup.BackupCli;
import org.backpackbatch.emulator.AccountSpec;
import org.backpackbatch.emulator.BackpackEmulator;
import org.backpackbatch.emulator.EmulatorConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code report} on a real store: one private, self-contained page that Chromium draws with the account's chart. */
class ReportCommandTest {

    @TempDir
    Path dir;

    @Test
    void aStoresReportIsOnePagePrivateToItsOwnerWithTheHistoryChartAndNoRequestButItself() throws Exception {
        Path store = dir.resolve("store.db");
        try (BackpackEmulator emulator = BackpackEmulator.start(EmulatorConfig.defaults().withAccounts(List.of(new AccountSpec("acme", "demo")))
                .withRateLimit(null))) {
            BackpackEmulator.HostedAccount account = emulator.account("acme");
            Path token = Files.writeString(dir.resolve("token"), account.token() + "\n");
            String[] backup = {"backup", "--account", account.baseUrl(), "--token-file", token.toString(), "--db", store.toString(),
                    "--progress", "none"};
            assertThat(BackupCli.inProcess(backup).exitCode()).isZero();
            account.data().createNote(account.data().allPages().get(0).id(), "Later", "a note added between the two backups");
            assertThat(BackupCli.inProcess(backup).exitCode()).isZero();

            Path page = dir.resolve("report.html");
            BackupCli.Run run = BackupCli.inProcess("report", "--db", store.toString(), "--out", page.toString());

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).contains("wrote " + page + ": 1 account");
            assertThat(Files.getPosixFilePermissions(page)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
            String html = Files.readString(page);
            assertThat(html).as("the latest diff names the note added").contains(account.baseUrl(), "<svg", "Later");
            assertThat(BackupCli.inProcess("report", "--db", store.toString(), "--out", page.toString()).exitCode())
                    .as("an existing file is replaced only with --force").isEqualTo(2);

            HeadlessChromium.Rendering rendered = HeadlessChromium.installed().render(html, 1280, 900, dir);
            assertThat(rendered.requests()).containsExactly("GET " + HeadlessChromium.PAGE_URL + " HTTP/1.1");
            assertThat(rendered.dom()).contains(account.baseUrl(), "<path class=\"area\"");
        }
    }
}
