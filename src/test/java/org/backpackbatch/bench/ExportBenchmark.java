package org.backpackbatch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
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
import org.backpackbatch.export.SqliteExporter;
import org.backpackbatch.export.XmlArchiveWriter;
import org.backpackbatch.store.OutputFile;
import org.backpackbatch.store.Snapshot;
import org.backpackbatch.store.Store;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What export and import cost for 5,000 pages: each command in a JVM of its own with a 160 MiB heap,
 * and the heap's peak around an export in this JVM. Run: {@code mvn -B test -Pbenchmarks -Dtest=ExportBenchmark};
 * figures go to {@code target/benchmarks/export.txt}.
 */
@Tag("benchmark")
class ExportBenchmark {

    private static final int PAGES = 5000;
    private static final List<String> SMALL_HEAP = List.of("-Xmx160m", "-XX:+ExitOnOutOfMemoryError");

    @TempDir
    Path dir;

    @Test
    void fiveThousandPagesExportAndImportInA160MibHeap() throws Exception {
        BenchmarkReport report = new BenchmarkReport("export");
        Path store = dir.resolve("bench.db");
        Snapshot snapshot;
        try (BackpackEmulator emulator = BackpackEmulator.start(EmulatorConfig.defaults()
                .withAccounts(List.of(new AccountSpec("bench", Integer.toString(PAGES)))).withRateLimit(null));
             Store session = Store.open(store, Store.Access.CREATE)) {
            BackpackEmulator.HostedAccount account = emulator.account("bench");
            try (BackpackClient client = new BackpackClient(AccountUrl.parse(account.baseUrl()), ApiToken.of(account.token()),
                    ClientSettings.defaults().withWorkers(8).withRate(null))) {
                snapshot = TestBackups.run(session, client, Include.ALL, 8).snapshot();
            }
        }
        Path sqlite = dir.resolve("bench.sqlite");
        Path xml = dir.resolve("bench.xml.gz");
        Path imported = dir.resolve("imported.db");
        double sqliteSeconds = timed("export", "--db", store.toString(), "--format", "sqlite", "--out", sqlite.toString());
        double xmlSeconds = timed("export", "--db", store.toString(), "--format", "xml", "--out", xml.toString());
        double importSeconds = timed("import", "--db", imported.toString(), "--xml", xml.toString());
        report.add(String.format(Locale.ROOT, "%d pages (%,d records, --include all); each command a JVM of its own with -Xmx160m,"
                + " times with JVM start:", PAGES, snapshot.changes().added()));
        report.add(String.format(Locale.ROOT, "  export --format sqlite: exit 0, %.1f s, file %,d bytes", sqliteSeconds, Files.size(sqlite)));
        report.add(String.format(Locale.ROOT, "  export --format xml (.gz): exit 0, %.1f s, file %,d bytes", xmlSeconds, Files.size(xml)));
        report.add(String.format(Locale.ROOT, "  import of that archive into a new store: exit 0, %.1f s", importSeconds));

        try (Store session = Store.open(store, Store.Access.READ)) {
            long xmlPeak = peakHeap(() -> XmlArchiveWriter.write(session.snapshots(), snapshot, OutputFile.at(dir.resolve("in-process.xml.gz"))));
            long sqlitePeak = peakHeap(() -> SqliteExporter.write(session.snapshots(), snapshot, OutputFile.at(dir.resolve("in-process.sqlite"))));
            report.add(String.format(Locale.ROOT, "  peak heap in use during an in-process export (sum of the heap pools' peaks, after a GC):"
                    + " xml %d MiB, sqlite %d MiB", xmlPeak >> 20, sqlitePeak >> 20));
        }
        report.write();
    }

    private double timed(String... args) throws Exception {
        long start = System.nanoTime();
        BackupCli.Run run;
        try (BackupCli.Forked forked = BackupCli.fork(dir, SMALL_HEAP, args)) {
            run = forked.await(Duration.ofMinutes(5));
        }
        assertThat(run.exitCode()).as("%s: %s", List.of(args), run.err()).isZero();
        return (System.nanoTime() - start) / 1e9;
    }

    private static long peakHeap(Runnable work) {
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
        System.gc();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        work.run();
        return heap.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
    }
}
