package org.backpackbatch.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.backpackbatch.api.AccountUrl;
import org.backpackbatch.api.ApiToken;
import org.backpackbatch.api.BackpackClient;
import org.backpackbatch.api.ClientSettings;
import org.backpackbatch.backup.Backup;
import org.backpackbatch.backup.BackupCli;
import org.backpackbatch.backup.TestBackups;
import org.backpackbatch.store.Include;
import org.backpackbatch.emulator.AccountSpec;
import org.backpackbatch.emulator.BackpackEmulator;
import org.backpackbatch.emulator.EmulatorConfig;
import org.backpackbatch.store.PageRecords.StoredPage;
import org.backpackbatch.store.Snapshot;
import org.backpackbatch.store.SnapshotStore;
import org.backpackbatch.store.Store;

/** A store holding one complete snapshot of a generated account, backed up from the emulator over HTTP. */
final class BackedUpStore {

    static final int PAGES = 200;

    private BackedUpStore() {
    }

    /** Backs up a generated account of {@code pages} pages into {@code store} and returns the snapshot. */
    static Snapshot create(Path store, int pages) throws IOException {
        try (BackpackEmulator emulator = BackpackEmulator.start(EmulatorConfig.defaults()
                .withAccounts(List.of(new AccountSpec("src", Integer.toString(pages)))).withRateLimit(null));
             Store session = Store.open(store, Store.Access.CREATE)) {
            BackpackEmulator.HostedAccount account = emulator.account("src");
            try (BackpackClient client = new BackpackClient(AccountUrl.parse(account.baseUrl()), ApiToken.of(account.token()),
                    ClientSettings.defaults().withRate(null))) {
                return TestBackups.run(session, client, Include.ALL, 4).snapshot();
            }
        }
    }

    static List<StoredPage> pages(SnapshotStore store, long snapshotId) {
        List<StoredPage> pages = new ArrayList<>();
        store.pages(snapshotId, pages::add);
        return pages;
    }

    /** Runs the program in this JVM and fails unless it succeeded. */
    static BackupCli.Run run(String... args) {
        BackupCli.Run run = BackupCli.inProcess(args);
        assertThat(run.exitCode()).as("exit code of %s; stderr: %s", List.of(args), run.err()).isZero();
        return run;
    }

    static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
