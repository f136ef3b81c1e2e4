package org.backpackbatch.metrics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.backpackbatch.app.RunObserver;
import org.backpackbatch.store.OutputFile;

/**
 * A metrics file for node_exporter's textfile collector ({@code --metrics-file}): the same text
 * the endpoint serves, replaced whole after each run. As each cron run is its own process, the
 * file is also the memory between runs: {@link #read()} takes back what the last run wrote, so
 * the last success of an earlier run survives a failed one and the counters keep counting.
 */
public final class MetricsFile {

    private final OutputFile file;

    private MetricsFile(OutputFile file) {
        this.file = file;
    }

    /** The metrics file at {@code path}; it is replaced at every write, so an existing file is no refusal. */
    public static MetricsFile at(Path path) {
        return new MetricsFile(OutputFile.at(path).replacing(true));
    }

    /**
     * The metrics an earlier process left in the file (none when there is no file yet), to record
     * this process's runs into. Checks first that the file could be written (exit 2 before any run).
     *
     * @throws OutputFile.Refused when the path cannot be written (no folder, a folder, a pipe, ...)
     * @throws UncheckedIOException when the file is there but cannot be read
     */
    public RunMetrics read() {
        Path real = file.check();
        RunMetrics metrics = new RunMetrics();
        if (Files.exists(real)) {
            try {
                // a damaged file loses its series (last success then reads 0, which alerts) rather than the run
                metrics.carryOver(MetricSample.parseAll(new String(Files.readAllBytes(real), StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file.path() + ": "
                        + (e instanceof AccessDeniedException ? "permission denied" : e.getMessage()), e);
            }
        }
        return metrics;
    }

    /**
     * An observer for one process's runs: the file's earlier series are read now (a path that cannot
     * be written is refused before any run), and the file is written again after each run.
     */
    public RunObserver observer() {
        RunMetrics metrics = read();
        return run -> {
            metrics.record(run);
            write(metrics);
        };
    }

    /** Replaces the file with every series of {@code metrics}, atomically and private to its owner (mode 0600). */
    public void write(RunMetrics metrics) {
        String text = metrics.scrape();
        file.write(temporary -> Files.writeString(temporary, text, StandardCharsets.UTF_8));
    }
}
