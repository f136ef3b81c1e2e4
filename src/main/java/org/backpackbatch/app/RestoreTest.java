package org.backpackbatch.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.backpackbatch.api.AccountUrl;
import org.backpackbatch.api.ApiToken;
import org.backpackbatch.api.BackpackClient;
import org.backpackbatch.api.ClientSettings;
import org.backpackbatch.backup.Backup;
import org.backpackbatch.batch.BatchInfrastructure;
import org.backpackbatch.batch.ResumableJob;
import org.backpackbatch.batch.RunningJobs;
import org.backpackbatch.emulator.AccountSpec;
import org.backpackbatch.emulator.BackpackEmulator;
import org.backpackbatch.emulator.EmulatorConfig;
import org.backpackbatch.export.ArchiveImporter;
import org.backpackbatch.export.XmlArchiveWriter;
import org.backpackbatch.progress.Reporter;
import org.backpackbatch.restore.Restore;
import org.backpackbatch.store.OutputFile;
import org.backpackbatch.store.Snapshot;
import org.backpackbatch.store.SnapshotComparison;
import org.backpackbatch.store.Store;

/**
 * Proof that a snapshot restores, without touching a real account: the snapshot is exported and
 * imported into a private store in a private folder, restored from there into an empty account of
 * an emulator started for it on loopback, that account is backed up into the private store, and
 * the two snapshots are compared as the demo compares them. The store under test is only read.
 */
final class RestoreTest {

    /** What the test found: equal or not, the pages compared, and the first differences. */
    record Result(long snapshot, SnapshotComparison.Result comparison) {
    }

    private static final String ACCOUNT = "restore-test";
    private static final int WORKERS = 8;

    private RestoreTest() {
    }

    static Result run(Store store, Snapshot snapshot) {
        Path folder;
        try {
            folder = Files.createTempDirectory("backpack-restore-test-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a private folder for the restore test: " + e.getMessage(), e);
        }
        try (BackpackEmulator emulator = BackpackEmulator.start(EmulatorConfig.defaults()
                .withAccounts(List.of(new AccountSpec(ACCOUNT, "empty"))).withRateLimit(null));
             Store copy = Store.open(folder.resolve("restore-test.db"), Store.Access.CREATE)) {
            Path archive = folder.resolve("snapshot.xml");
            XmlArchiveWriter.write(store.snapshots(), snapshot, OutputFile.at(archive));
            Snapshot imported = ArchiveImporter.importArchive(copy, archive);
            BackpackEmulator.HostedAccount account = emulator.account(ACCOUNT);
            ResumableJob lifecycle = new ResumableJob(BatchInfrastructure.on(copy), new RunningJobs());
            long restored;
            try (BackpackClient client = new BackpackClient(AccountUrl.parse(account.baseUrl()), ApiToken.of(account.token()),
                    ClientSettings.defaults().withWorkers(WORKERS).withRate(null))) {
                Restore.run(copy, lifecycle, client, imported, new Restore.Options(List.of(), true, false, WORKERS), Reporter.SILENT);
                restored = Backup.run(copy, lifecycle, client, snapshot.include(), WORKERS, Reporter.SILENT).snapshot().id();
            }
            return new Result(snapshot.id(), SnapshotComparison.compare(copy.snapshots(), imported.id(), restored));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the emulator for the restore test: " + e.getMessage(), e);
        } finally {
            deleteTree(folder);
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            // a private temporary folder left behind holds no token: the test's token was the emulator's own
        }
    }
}
