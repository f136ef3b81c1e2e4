package org.backpackbatch.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * An export's file appears whole or not at all: it is written to a temporary file beside the
 * target and renamed over it at the end, so a failed or killed export never leaves half a file.
 */
final class ExportFile {

    /** Writes the temporary file it is given. */
    @FunctionalInterface
    interface Content {
        void writeTo(Path temporary) throws Exception;
    }

    private ExportFile() {
    }

    static void write(Path target, Content content) {
        Path absolute = target.toAbsolutePath();
        Path folder = absolute.getParent();
        if (folder == null || !Files.isDirectory(folder)) {
            throw new ExportProblem("cannot write " + target + ": its folder does not exist");
        }
        if (Files.isDirectory(absolute)) {
            throw new ExportProblem("cannot write " + target + ": it is a folder");
        }
        Path temporary;
        try {
            temporary = Files.createTempFile(folder, "." + absolute.getFileName(), ".part");
        } catch (IOException e) {
            throw new ExportProblem("cannot write in " + folder + ": " + e.getMessage());
        }
        try {
            content.writeTo(temporary);
            try {
                Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (RuntimeException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot write " + target + ": " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException e) {
                // a leftover .part file is harmless and named after the target
            }
        }
    }
}
