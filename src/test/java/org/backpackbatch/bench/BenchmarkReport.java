package org.backpackbatch.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Collects a benchmark's figures, prints them and writes them to target/benchmarks/NAME.txt. */
public final class BenchmarkReport {

    private final String name;
    private final List<String> lines = new ArrayList<>();

    public BenchmarkReport(String name) {
        this.name = name;
        lines.add("benchmark " + name + " on " + LocalDate.now() + ", " + Runtime.getRuntime().availableProcessors()
                + " cores, Java " + System.getProperty("java.version") + ", max heap "
                + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB");
    }

    public void add(String figure) {
        lines.add(figure);
    }

    public void write() {
        try {
            Path dir = Path.of("target", "benchmarks");
            Files.createDirectories(dir);
            Files.write(dir.resolve(name + ".txt"), lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.println(String.join(System.lineSeparator(), lines));
    }

    static long usedHeapAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
