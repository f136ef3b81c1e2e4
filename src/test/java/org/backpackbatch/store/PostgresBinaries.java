package org.backpackbatch.store;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** The server programs of an installed PostgreSQL ({@code initdb}, {@code pg_ctl}): where they are, or what to install. */
record PostgresBinaries(Path directory) {

    /** Where Debian and Ubuntu install each major version's server, as {@code <version>/bin}. */
    static final Path DEBIAN_VERSIONS = Path.of("/usr/lib/postgresql");

    Path initdb() {
        return directory.resolve("initdb");
    }

    Path pgCtl() {
        return directory.resolve("pg_ctl");
    }

    /** The newest Debian-packaged server, else the one {@code pg_config --bindir} names, else the first on the PATH. */
    static PostgresBinaries installed() {
        List<Path> candidates = new ArrayList<>(newestFirst(DEBIAN_VERSIONS));
        pgConfigBindir().ifPresent(candidates::add);
        Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(entry -> !entry.isEmpty())
                .map(Path::of)
                .forEach(candidates::add);
        return firstComplete(candidates);
    }

    /** The {@code bin} folders under a folder of major versions (15, 16, 9.6...), the newest first. */
    static List<Path> newestFirst(Path versions) {
        if (!Files.isDirectory(versions)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(versions)) {
            return entries.filter(entry -> entry.getFileName().toString().matches("\\d+(\\.\\d+)*"))
                    .sorted(Comparator.comparing((Path entry) -> versionNumbers(entry.getFileName().toString()),
                            Arrays::compare).reversed())
                    .map(entry -> entry.resolve("bin"))
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** The first folder holding both programs; the error says where it looked and what to install. */
    static PostgresBinaries firstComplete(List<Path> candidates) {
        for (Path candidate : candidates) {
            PostgresBinaries binaries = new PostgresBinaries(candidate);
            if (Files.isExecutable(binaries.initdb()) && Files.isExecutable(binaries.pgCtl())) {
                return binaries;
            }
        }
        throw new IllegalStateException("PostgreSQL's server programs (initdb and pg_ctl) were not found in "
                + DEBIAN_VERSIONS + "/<version>/bin, in pg_config --bindir, nor on the PATH. The PostgreSQL tests start"
                + " a private cluster with them: install the PostgreSQL server, on Debian or Ubuntu with"
                + " `apt-get install -y --no-install-recommends postgresql` (.ci/run does this when it is missing).");
    }

    private static Optional<Path> pgConfigBindir() {
        try {
            Process pgConfig = new ProcessBuilder("pg_config", "--bindir").redirectErrorStream(true).start();
            pgConfig.getOutputStream().close();
            String bindir = new String(pgConfig.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return pgConfig.waitFor() == 0 && !bindir.isEmpty() ? Optional.of(Path.of(bindir)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static int[] versionNumbers(String version) {
        return Stream.of(version.split("\\.")).mapToInt(Integer::parseInt).toArray();
    }
}
