package org.backpackbatch.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.backpackbatch.api.AccountThrottles;
import org.backpackbatch.api.BackpackClient;
import org.backpackbatch.api.ClientSettings;
import org.backpackbatch.backup.Backup;
import org.backpackbatch.batch.BatchInfrastructure;
import org.backpackbatch.batch.ResumableJob;
import org.backpackbatch.batch.RunningJobs;
import org.backpackbatch.export.ArchiveImporter;
import org.backpackbatch.export.SqliteExporter;
import org.backpackbatch.export.XmlArchiveWriter;
import org.backpackbatch.progress.Reporter;
import org.backpackbatch.restore.Restore;
import org.backpackbatch.store.Forget;
import org.backpackbatch.store.IntegrityFailure;
import org.backpackbatch.store.OutputFile;
import org.backpackbatch.store.Snapshot;
import org.backpackbatch.store.SnapshotComparison;
import org.backpackbatch.store.SnapshotDiff;
import org.backpackbatch.store.SnapshotSelector;
import org.backpackbatch.store.SnapshotStore;
import org.backpackbatch.store.Store;
import org.backpackbatch.store.StoreFile;
import org.backpackbatch.store.StoreLocation;
import org.backpackbatch.store.StoreVerifier;
import org.backpackbatch.store.WriterLock;

/**
 * The application: every operation the command line and the scheduler offer, each taking a typed
 * request and giving a typed result, reporting progress and warnings through a {@link Reporter}
 * and never printing. One per process: it holds what the whole process shares (the accounts'
 * throttles, the running jobs, the environment the tokens may come from).
 */
public final class Application {

    private final Map<String, String> environment;
    private final AccountThrottles throttles = new AccountThrottles();
    private final RunningJobs runningJobs = new RunningJobs();

    public Application(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /** The application of this process, its tokens' variables read from the process's environment. */
    public static Application ofProcess() {
        return new Application(System.getenv());
    }

    /** The jobs running in this process, for a stop (a signal, a daemon's shutdown). */
    public RunningJobs runningJobs() {
        return runningJobs;
    }

    // ---- operations that talk to an account ----------------------------------------------

    @SuppressWarnings("try") // the resource is held for the scope, not used in it
    public Backup.Result backup(BackupRequest request, Reporter reporter) {
        try (BackpackClient client = client(request.account());
             WriterLock lock = WriterLock.acquire(request.store(), true, () -> List.of(client.account().toString()));
             Store store = Store.open(request.store(), Store.Access.CREATE)) {
            try {
                Backup.Result result = Backup.run(store, lifecycle(store), client, request.include(), request.account().workers(), reporter);
                warnIfSuspect(store.snapshots(), result.snapshot(), reporter);
                return result;
            } finally {
                reporter.requests(client.stats());
            }
        }
    }

    @SuppressWarnings("try") // the resource is held for the scope, not used in it
    public Restore.Result restore(RestoreRequest request, Reporter reporter) {
        Restore.Options options = new Restore.Options(request.pages(), request.includeFriends(), request.emailsAsNotes(),
                request.target().workers());
        try (BackpackClient target = client(request.target());
             // a restore writes the target's runs and id map; the snapshot it reads goes only with forget, which locks every account
             WriterLock lock = request.dryRun() ? null : WriterLock.acquire(request.store(), false, () -> List.of(target.account().toString()));
             Store store = Store.open(request.store(), request.dryRun() ? Store.Access.READ : Store.Access.WRITE)) {
            Snapshot snapshot = SnapshotSelector.complete(store.snapshots(), request.snapshot(), target.account().toString(), "restore");
            reporter.snapshot(snapshot.id());
            try {
                return request.dryRun() ? Restore.dryRun(store, target, snapshot, options)
                        : Restore.run(store, lifecycle(store), target, snapshot, options, reporter);
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            } finally {
                reporter.requests(target.stats());
            }
        }
    }

    // ---- operations on a store ------------------------------------------------------------

    /** What an export wrote. */
    public record ExportResult(Snapshot snapshot, long pages, ExportRequest.Format format, Path out, Duration elapsed) {
    }

    public ExportResult export(ExportRequest request) {
        long start = System.nanoTime();
        OutputFile target = OutputFile.at(request.out()).replacing(request.force())
                .sparing("the store being exported", request.store().files());
        // refused before the store is even opened; checked again when the file is put in place
        target.check();
        try (Store store = Store.open(request.store(), Store.Access.READ)) {
            Snapshot snapshot = SnapshotSelector.complete(store.snapshots(), request.snapshot(), null, "export");
            long pages = switch (request.format()) {
                case SQLITE -> SqliteExporter.write(store.snapshots(), snapshot, target);
                case XML -> XmlArchiveWriter.write(store.snapshots(), snapshot, target);
            };
            return new ExportResult(snapshot, pages, request.format(), request.out(), Duration.ofNanos(System.nanoTime() - start));
        }
    }

    /** What an import made. */
    public record ImportResult(Snapshot snapshot, Path archive, Duration elapsed) {
    }

    @SuppressWarnings("try") // the resource is held for the scope, not used in it
    public ImportResult importArchive(ImportRequest request, Reporter reporter) {
        long start = System.nanoTime();
        // a new SQLite file an import could not fill goes again; a database stays, empty or as it was (the import is one transaction)
        Path newFile = request.store() instanceof StoreLocation.SqliteFile file && !Files.exists(file.file()) ? file.file() : null;
        try (WriterLock lock = WriterLock.acquire(request.store(), true, () -> List.of(ArchiveImporter.accountOf(request.archive())))) {
            try (Store store = Store.open(request.store(), Store.Access.CREATE)) {
                Snapshot snapshot = ArchiveImporter.importArchive(store, request.archive());
                warnIfSuspect(store.snapshots(), snapshot, reporter);
                return new ImportResult(snapshot, request.archive(), Duration.ofNanos(System.nanoTime() - start));
            } catch (RuntimeException e) {
                if (newFile != null) {
                    removeNewStore(newFile);
                }
                throw e;
            }
        }
    }

    /** What verify found: the store's summary, and the restore test's outcome when one was asked for (else null). */
    public record VerifyResult(StoreVerifier.Summary summary, Long restoreTested, SnapshotComparison.Result restoreTest) {
    }

    /** Verifies the store; the problems go to the consumer as they are found, and any of them is an integrity failure. */
    public VerifyResult verify(VerifyRequest request, Consumer<String> problems) {
        try (Store store = Store.open(request.store(), Store.Access.READ)) {
            StoreVerifier.Summary summary = StoreVerifier.verify(store, request.snapshot(), problems);
            if (summary.problems() > 0) {
                throw new IntegrityFailure("verify found " + summary.problems() + " problem" + (summary.problems() == 1 ? "" : "s")
                        + " in " + request.store());
            }
            if (!request.restoreTest()) {
                return new VerifyResult(summary, null, null);
            }
            Snapshot snapshot = SnapshotSelector.complete(store.snapshots(), request.snapshot(), null, "restore-test");
            RestoreTest.Result tested = RestoreTest.run(store, snapshot);
            if (!tested.comparison().equal()) {
                tested.comparison().differences().forEach(problems);
                throw new IntegrityFailure("the restore test of snapshot " + snapshot.id() + " found the restored copy different ("
                        + tested.comparison().differences().size() + " difference" + (tested.comparison().differences().size() == 1 ? "" : "s")
                        + " named above)");
            }
            return new VerifyResult(summary, snapshot.id(), tested.comparison());
        }
    }

    @SuppressWarnings("try") // the resource is held for the scope, not used in it
    public Forget.Result forget(ForgetRequest request) {
        if (request.dryRun()) {
            try (Store store = Store.open(request.store(), Store.Access.READ)) {
                return Forget.run(store, request.policy(), true, request.account());
            }
        }
        // a scheduled backup forgets for its own account only: the others may be being backed up beside it
        try (WriterLock lock = request.account() == null ? WriterLock.acquireEveryAccount(request.store())
                : WriterLock.acquire(request.store(), false, () -> List.of(request.account()));
             Store store = Store.open(request.store(), Store.Access.WRITE)) {
            return Forget.run(store, request.policy(), false, request.account());
        }
    }

    public SnapshotDiff diff(DiffRequest request) {
        try (Store store = Store.open(request.store(), Store.Access.READ)) {
            SnapshotStore snapshots = store.snapshots();
            return request.from() == null ? SnapshotDiff.ofLatest(snapshots)
                    : request.to() == null ? SnapshotDiff.since(snapshots, request.from())
                    : SnapshotDiff.between(snapshots, request.from(), request.to());
        }
    }

    /** What a report wrote: the file and how many accounts it covers. */
    public record ReportResult(java.nio.file.Path out, int accounts) {
    }

    public ReportResult report(ReportRequest request) {
        OutputFile target = OutputFile.at(request.out()).replacing(request.force())
                .sparing("the store being reported", request.store().files());
        target.check();
        try (Store store = Store.open(request.store(), Store.Access.READ)) {
            org.backpackbatch.report.StoreReport report = StoreReports.of(store, java.time.Instant.now());
            org.backpackbatch.report.HtmlReport.write(report, target);
            return new ReportResult(request.out(), report.accounts().size());
        }
    }

    public List<Snapshot> snapshots(SnapshotsRequest request) {
        try (Store store = Store.open(request.store(), Store.Access.READ)) {
            return store.snapshots().snapshots(request.account() == null ? null : request.account().toString());
        }
    }

    // ---- shared -----------------------------------------------------------------------------

    private BackpackClient client(AccountAccess access) {
        ClientSettings settings = ClientSettings.defaults().withWorkers(access.workers()).withRate(access.rate())
                .withRequestTimeout(access.timeout());
        return new BackpackClient(access.url(), access.token().load(environment), settings, throttles);
    }

    private ResumableJob lifecycle(Store store) {
        return new ResumableJob(BatchInfrastructure.on(store), runningJobs);
    }

    /** A snapshot that removed most of its parent's records: say what, and what it means for forget. */
    private static void warnIfSuspect(SnapshotStore snapshots, Snapshot snapshot, Reporter reporter) {
        if (!snapshot.suspect()) {
            return;
        }
        Snapshot parent = snapshots.snapshot(snapshot.parentId());
        reporter.warning(String.format(Locale.ROOT, "snapshot %d removed %d of the %d records of snapshot %d (pages: %d before, %d now):"
                + " an outage or an emptied account? It is marked suspect: forget does not count it toward --keep-* and keeps the"
                + " newest snapshot that is not suspect", snapshot.id(), snapshot.changes().removed(), snapshots.recordCount(parent.id()),
                parent.id(), parent.counts().pages(), snapshot.counts().pages()));
    }

    /** A store an import created and could not fill goes again, so a failed import leaves nothing behind. */
    private static void removeNewStore(Path db) {
        for (Path file : StoreFile.sqliteFiles(db)) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // an empty store left behind is harmless
            }
        }
    }
}
