package org.backpackbatch.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Files that are not regular files, made in a test's own folder: a writer that wrongly replaced
 * one only replaces the test's copy, never the machine's {@code /dev/null} (tests may run as root).
 */
public final class SpecialFiles {

    private SpecialFiles() {
    }

    /** A file of the kind named: folder, fifo, socket, device (a null device) or stdout (a link to this process's stdout). */
    public static Path make(String kind, Path path) {
        try {
            return switch (kind) {
                case "folder" -> Files.createDirectory(path);
                case "fifo" -> run(path, "mkfifo", path.toString());
                case "socket" -> {
                    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
                        server.bind(UnixDomainSocketAddress.of(path));
                    }
                    yield path;
                }
                case "device" -> {
                    // the null device's numbers: what /dev/null is, under a name of the test's own
                    Process mknod = new ProcessBuilder("mknod", path.toString(), "c", "1", "3").redirectErrorStream(true).start();
                    mknod.getInputStream().readAllBytes();
                    assumeTrue(mknod.waitFor() == 0, "cannot make a device node here (not root)");
                    yield path;
                }
                case "stdout" -> {
                    Files.createSymbolicLink(path, Path.of("/proc/self/fd/1"));
                    assumeFalse(Files.isRegularFile(path), "this process's stdout is a regular file");
                    yield path;
                }
                default -> throw new IllegalArgumentException(kind);
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** What a refusal says the kind is. */
    public static String described(String kind) {
        return switch (kind) {
            case "folder" -> "a folder";
            case "fifo" -> "a pipe (FIFO)";
            case "stdout" -> ""; // a pipe under a test runner, a terminal under a person
            case "socket" -> "a socket";
            case "device" -> "a character device";
            default -> throw new IllegalArgumentException(kind);
        };
    }

    public static String modeOf(Path file) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path run(Path path, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor()).as("%s: %s", command[0], output).isZero();
        return path;
    }
}
