package org.backpackbatch.options;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.backpackbatch.app.RunObserver;
import org.backpackbatch.app.RunObservers;
import org.backpackbatch.app.UsageException;
import org.backpackbatch.metrics.MetricsFile;
import org.backpackbatch.notify.InvalidNotifyException;
import org.backpackbatch.notify.Notifications;
import org.backpackbatch.notify.Notifier;
import picocli.CommandLine.Option;

/** What a run tells the world outside, for cron users: a webhook and a metrics file. */
public final class UnattendedOptions {

    @Option(names = "--notify-url", paramLabel = "URL", split = ",",
            description = "POST the run's JSON summary to URL when it ends, success or failure (repeatable); never a token.")
    List<String> notifyUrls = new ArrayList<>();

    @Option(names = "--metrics-file", paramLabel = "PATH",
            description = "Write the run's metrics to PATH in the Prometheus text format (node_exporter's textfile collector),"
                    + " replaced atomically after each run; a failed run shows as failed.")
    Path metricsFile;

    /** The observers these options ask for (none when neither is given); a bad URL or path is refused now, before any run. */
    public RunObservers observers() {
        List<RunObserver> observers = new ArrayList<>();
        List<AutoCloseable> resources = new ArrayList<>();
        if (!notifyUrls.isEmpty()) {
            Notifier notifier;
            try {
                notifier = new Notifier(Notifications.webhooks(notifyUrls));
            } catch (InvalidNotifyException e) {
                throw new UsageException(e.getMessage());
            }
            observers.add(notifier.observer());
            resources.add(notifier);
        }
        if (metricsFile != null) {
            observers.add(MetricsFile.at(metricsFile).observer());
        }
        return new RunObservers(observers, resources);
    }
}
