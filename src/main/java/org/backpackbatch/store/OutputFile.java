package org.backpackbatch.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A file the product writes (an export, a new store, its lock file), and the one policy every
 * writer follows:
 * <ul>
 * <li>its folder must exist; a symbolic link is followed to the file it names, and one that names
 * nothing is refused;</li>
 * <li>only a regular file or nothing may be there: never a folder, a device, a pipe or a socket
 * ({@code /dev/null}, {@code /dev/stdout});</li>
 * <li>an existing file is replaced only when the command was told to ({@code --force});</li>
 * <li>the files it is told to spare (a store and its {@code -wal}, {@code -shm}, {@code -journal}
 * and lock files) are never written, however the path spells them: real paths and file identity
 * are compared, so {@code ..}, symbolic and hard links are all caught;</li>
 * <li>what it writes is private to its owner (mode 0600), and appears whole or not at all.</li>
 * </ul>
 * Each refusal is a {@link Refused} with one sentence (exit 2). Instances are immutable:
 * {@code OutputFile.at(out).replacing(force).sparing("the store", StoreFile.files(db)).write(...)}.
 */
public final class OutputFile {

    /** Writes the temporary file it is given; {@link #write} then puts it in place. */
    @FunctionalInterface
    public interface Content {
        void writeTo(Path temporary) throws Exception;
    }

    /** The file may not be written: the message is the one line the user sees, {@link #reason()} its cause alone. */
    public static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private final String reason;

        private Refused(String message, String reason) {
            super(message);
            this.reason = reason;
        }

        private static Refused because(Path path, String reason) {
            return new Refused("cannot write " + path + ": " + reason, reason);
        }

        /** Why, without the path: "its folder /x does not exist", "it is a pipe (FIFO), not a regular file", ... */
        public String reason() {
            return reason;
        }
    }

    private record Spared(String what, Path file) {
    }

    private static final int FILE_TYPE = 0170000;
    private static final int FIFO = 0010000;
    private static final int CHARACTER_DEVICE = 0020000;
    private static final int BLOCK_DEVICE = 0060000;
    private static final int SOCKET = 0140000;

    private final Path path;
    private final boolean replace;
    private final List<Spared> spared;

    private OutputFile(Path path, boolean replace, List<Spared> spared) {
        this.path = path;
        this.replace = replace;
        this.spared = List.copyOf(spared);
    }

    /** The file at {@code path}, as the user spelled it; nothing is checked yet. */
    public static OutputFile at(Path path) {
        return new OutputFile(path, false, List.of());
    }

    /** Whether an existing regular file may be replaced (default: no, it is refused naming {@code --force}). */
    public OutputFile replacing(boolean replace) {
        return new OutputFile(path, replace, spared);
    }

    /** Never writes over any of {@code files}, described as {@code what} when refused ("the store being exported"). */
    public OutputFile sparing(String what, Collection<Path> files) {
        List<Spared> more = new ArrayList<>(spared);
        files.forEach(file -> more.add(new Spared(what, file)));
        return new OutputFile(path, replace, more);
    }

    /** The path as the user gave it. */
    public Path path() {
        return path;
    }

    /**
     * Where the bytes would go (folders and links resolved), refusing a missing folder, a link to
     * nothing, and anything there that is not a regular file. Replacement and spared files are
     * {@link #check()}'s business.
     */
    public Path realPath() {
        Path absolute = path.toAbsolutePath();
        Path folder = absolute.getParent();
        if (folder != null && !Files.isDirectory(folder)) {
            throw Refused.because(path, Files.exists(folder) ? folder + " is not a folder" : "its folder " + folder + " does not exist");
        }
        BasicFileAttributes attributes = attributes(absolute);
        if (attributes == null) {
            if (Files.isSymbolicLink(absolute)) {
                throw Refused.because(path, "it is a symbolic link to a missing file");
            }
        } else if (!attributes.isRegularFile()) {
            throw Refused.because(path, "it is " + kindOf(absolute, attributes) + ", not a regular file");
        }
        return realForm(absolute);
    }

    /** Every rule: {@link #realPath()}, then no spared file, then no existing file unless replacing. Returns the real path. */
    public Path check() {
        Path real = sparedChecked();
        if (Files.exists(real) && !replace) {
            throw exists();
        }
        return real;
    }

    private Path sparedChecked() {
        Path real = realPath();
        boolean exists = Files.exists(real);
        for (Spared file : spared) {
            if (real.equals(realForm(file.file())) || exists && sameFile(real, file.file())) {
                throw Refused.because(path, "it is " + file.what() + " (" + file.file() + ")");
            }
        }
        return real;
    }

    /**
     * Writes the file whole or not at all: the content goes to a private temporary file beside it,
     * which is renamed over it at the end (the rules checked again first, as the writing may have
     * taken minutes), so a failed or killed writer never leaves half a file.
     */
    public void write(Content content) {
        Path real = check();
        Path temporary;
        try {
            temporary = Files.createTempFile(real.getParent(), "." + real.getFileName(), ".part", ownerOnly());
        } catch (IOException e) {
            throw Refused.because(path, "cannot create a file in " + real.getParent() + ": " + reason(e));
        }
        try {
            content.writeTo(temporary);
            real = check();
            putInPlace(temporary, real);
        } catch (RuntimeException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path + ": " + reason(e), e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot write " + path + ": " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException e) {
                // a leftover .part file is harmless and named after the target
            }
        }
    }

    private void putInPlace(Path temporary, Path real) throws IOException {
        if (!replace) {
            try {
                // no REPLACE_EXISTING: a file that appeared while writing fails the move instead of being replaced
                Files.move(temporary, real);
            } catch (FileAlreadyExistsException e) {
                throw exists();
            }
            return;
        }
        try {
            Files.move(temporary, real, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, real, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Creates the file empty and private (a new store, before SQLite opens it: its -wal and -shm take its mode). */
    public void create() {
        Path real = check();
        try {
            Files.createFile(real, ownerOnly());
        } catch (FileAlreadyExistsException e) {
            throw exists();
        } catch (IOException e) {
            throw Refused.because(path, reason(e));
        }
    }

    /** Opens the file for writing in place, created private when missing (a lock file): whether it exists does not matter. */
    public FileChannel openInPlace() {
        Path real = sparedChecked();
        try {
            return FileChannel.open(real, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE), ownerOnly());
        } catch (IOException e) {
            throw Refused.because(path, reason(e));
        }
    }

    private Refused exists() {
        return new Refused(path + " exists; give --force to replace it", "it exists");
    }

    /** The attributes of what the path names, links followed; null when nothing is there. */
    private static BasicFileAttributes attributes(Path absolute) {
        try {
            return Files.readAttributes(absolute, BasicFileAttributes.class);
        } catch (IOException e) {
            return null;
        }
    }

    private static String kindOf(Path absolute, BasicFileAttributes attributes) {
        if (attributes.isDirectory()) {
            return "a folder";
        }
        try {
            return switch ((Integer) Files.getAttribute(absolute, "unix:mode") & FILE_TYPE) {
                case FIFO -> "a pipe (FIFO)";
                case CHARACTER_DEVICE -> "a character device";
                case BLOCK_DEVICE -> "a block device";
                case SOCKET -> "a socket";
                default -> "a special file";
            };
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "a special file";
        }
    }

    /** The file's real path, or for a file not there yet its real folder and its name; as given when even that is unknown. */
    private static Path realForm(Path file) {
        Path absolute = file.toAbsolutePath();
        try {
            return absolute.toRealPath();
        } catch (IOException e) {
            // not there (yet): its folder is real, its name is its own
        }
        Path folder = absolute.getParent();
        if (folder != null && absolute.getFileName() != null) {
            try {
                return folder.toRealPath().resolve(absolute.getFileName());
            } catch (IOException e) {
                // its folder is not there either
            }
        }
        return absolute.normalize();
    }

    private static boolean sameFile(Path real, Path other) {
        try {
            return Files.exists(other) && Files.isSameFile(real, other);
        } catch (IOException e) {
            return false;
        }
    }

    private static FileAttribute<?>[] ownerOnly() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
    }

    /** What went wrong, without the path Java puts first ("permission denied", "read-only file system"). */
    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException fileSystem && fileSystem.getReason() != null) {
            return fileSystem.getReason().toLowerCase(Locale.ROOT);
        }
        return String.valueOf(e.getMessage());
    }
}
