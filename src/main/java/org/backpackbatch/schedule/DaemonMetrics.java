package org.backpackbatch.schedule;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.backpackbatch.app.RunObservers;
import org.backpackbatch.metrics.MetricsEndpoint;
import org.backpackbatch.metrics.RunMetrics;
import org.backpackbatch.store.Snapshot;
import org.backpackbatch.store.Store;
import org.backpackbatch.store.StoreLocation;
import org.backpackbatch.store.StoreProblem;

/**
 * The daemon's metrics, served for Prometheus: every run of every job, and at start the last
 * success each backup job's store remembers, so that a daemon that has just started does not look
 * as if its backups had never succeeded.
 */
public final class DaemonMetrics {

    private DaemonMetrics() {
    }

    /** The metrics being served: the observers that record the runs (closing them stops the endpoint), and where. */
    public record Served(RunObservers observers, InetSocketAddress address) {
    }

    /** Serves the runs' metrics on {@code address} (port 0: any free port). */
    public static Served serve(InetSocketAddress address, Map<String, JobDefinition> jobs) {
        RunMetrics metrics = new RunMetrics();
        jobs.values().forEach(job -> lastSuccesses(job).forEach((account, at) -> metrics.rememberSuccess(job.name(), job.work().operation(),
                account, at)));
        MetricsEndpoint endpoint = MetricsEndpoint.start(address, metrics);
        return new Served(new RunObservers(List.of(metrics), List.of(endpoint)), endpoint.address());
    }

    /** When each account of a backup job last had a complete snapshot, as far as its store says. */
    private static Map<String, Instant> lastSuccesses(JobDefinition job) {
        Map<String, Instant> successes = new java.util.LinkedHashMap<>();
        if (!(job.work() instanceof JobWork.Backup)
                || job.work().store() instanceof StoreLocation.SqliteFile file && !file.file().toFile().exists()) {
            return successes;
        }
        try (Store store = Store.open(job.work().store(), Store.Access.READ)) {
            for (JobDefinition run : job.runs()) {
                store.snapshots().latestComplete(run.work().account()).map(Snapshot::finishedAt).map(Instant::parse)
                        .ifPresent(at -> successes.put(run.work().account(), at));
            }
        } catch (StoreProblem e) {
            // a store that cannot be read yet (an older schema, ...): its first run will tell
        }
        return successes;
    }
}
