package org.backpackbatch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.backpackbatch.api.AccountUrl;
import org.backpackbatch.api.ApiToken;
import org.backpackbatch.api.BackpackClient;
import org.backpackbatch.api.ClientSettings;
import org.backpackbatch.api.RateLimit;
import org.backpackbatch.backup.BackupCli;
import org.backpackbatch.emulator.AccountSpec;
import org.backpackbatch.emulator.BackpackEmulator;
import org.backpackbatch.emulator.EmulatorConfig;
import org.backpackbatch.emulator.FaultPlan;
import org.backpackbatch.restore.Restore;
import org.backpackbatch.store.Snapshot;
import org.backpackbatch.store.Store;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.backpackbatch.batch.BatchInfrastructure;
import org.backpackbatch.batch.ResumableJob;
import org.backpackbatch.batch.RunningJobs;
import org.backpackbatch.progress.Reporter;

/**
 * What a migration costs: exactly the requests its plan counts, sent at the rate the service
 * allows. Run: {@code mvn -B test -Pbenchmarks -Dtest=RestoreBenchmark}; figures go to
 * {@code target/benchmarks/restore.txt}.
 */
@Tag("benchmark")
class RestoreBenchmark {

    private static final int PAGES = 150;
    private static final int WORKERS = 8;
    private static final int LATENCY_MS = 100;

    @TempDir
    Path dir;

    @Test
    void aMigrationSendsThePlannedRequestsAtTheAllowedRate() throws Exception {
        RateLimit limit = RateLimit.DEFAULT;
        BenchmarkReport report = new BenchmarkReport("restore");
        Path store = dir.resolve("store.db");
        Snapshot snapshot;
        try (BackpackEmulator origin = BackpackEmulator.start(EmulatorConfig.defaults()
                .withAccounts(List.of(new AccountSpec("src", Integer.toString(PAGES)))).withRateLimit(null))) {
            BackpackEmulator.HostedAccount source = origin.account("src");
            Path token = Files.writeString(dir.resolve("src.token"), source.token() + "\n");
            BackupCli.Run backup = BackupCli.inProcess("backup", "--account", source.baseUrl(), "--db", store.toString(),
                    "--token-file", token.toString(), "--rate", "off", "--include", "core", "--progress", "none");
            assertThat(backup.exitCode()).as(backup.err()).isZero();
        }
        try (BackpackEmulator emulator = BackpackEmulator.start(EmulatorConfig.defaults()
                .withAccounts(List.of(new AccountSpec("dst", "empty"))).withRateLimit(limit)
                .withFaults(new FaultPlan(LATENCY_MS, LATENCY_MS, 0, 1)));
             Store session = Store.open(store, Store.Access.WRITE)) {
            BackpackEmulator.HostedAccount target = emulator.account("dst");
            snapshot = session.snapshots().snapshots(null).get(0);
            Restore.Options options = new Restore.Options(List.of(), true, false, WORKERS);
            long planned;
            try (BackpackClient client = client(target, limit)) {
                planned = Restore.dryRun(session, client, snapshot, options).planned().total();
                assertThat(client.requestsSent()).as("a migration's dry run reads only the target's page list").isEqualTo(1);
            }
            Restore.Result result;
            try (BackpackClient client = client(target, limit)) {
                result = Restore.run(session, new ResumableJob(BatchInfrastructure.on(session), new RunningJobs()), client, snapshot, options,
                        Reporter.SILENT);
            }
            long requests = result.requests();

            double elapsed = result.elapsed().toNanos() / 1e9;
            double floor = (requests - 1) / limit.requests() * (limit.window().toMillis() / 1000.0) + LATENCY_MS / 1000.0;
            report.add(String.format(Locale.ROOT, "migration of %d pages (--include-friends) into an empty account: %d requests planned,"
                    + " %d sent", PAGES, planned, requests));
            report.add(String.format(Locale.ROOT, "at %d ms latency, limit %s, %d workers: %.2f s, floor %.2f s, time over floor %.3f"
                    + " (target <= 1.05), 503 answers %d, %.1f requests/s", LATENCY_MS, limit, WORKERS, elapsed, floor, elapsed / floor,
                    emulator.rateLimitedCount(), requests / elapsed));
            report.add(String.format(Locale.ROOT, "requests the server saw: %d", target.requestCount()));
            report.write();
            assertThat(requests).as("requests sent against the plan").isEqualTo(planned);
            assertThat(target.requestCount()).as("requests the server saw: the dry run's page list and the run's, 503s included")
                    .isEqualTo(requests + 1);
            assertThat(emulator.rateLimitedCount()).as("503 answers").isZero();
            assertThat(elapsed / floor).as("time over the rate limit's floor").isLessThanOrEqualTo(1.05);
        }
    }

    private static BackpackClient client(BackpackEmulator.HostedAccount account, RateLimit limit) {
        return new BackpackClient(AccountUrl.parse(account.baseUrl()), ApiToken.of(account.token()),
                ClientSettings.defaults().withWorkers(WORKERS).withRate(limit));
    }
}
