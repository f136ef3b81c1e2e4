package org.backpackbatch.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;

/**
 * Only one job writes to a store at a time: an OS lock on {@code STORE.lock} beside the store's
 * real path, so that every way of naming the store (a symbolic link, {@code ..}) locks the same
 * file; a store with a second name (a hard link) is refused by {@link StoreFile#check}. The system
 * releases the lock even when the holder is killed, so a crashed run never blocks the next one. A
 * lock file of its own, not a range of the store: POSIX drops every lock a process holds on a file
 * when any of its descriptors of that file closes, and SQLite's connections open and close the store.
 */
public final class StoreLock implements WriterLock {

    private final FileChannel channel;
    private final FileLock lock;

    private StoreLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Checks the store as {@link StoreFile#check} does ({@code create}: a missing one will be created),
     * then takes the lock or fails at once, naming the store.
     */
    public static StoreLock acquire(Path store, boolean create) {
        StoreFile.check(store, create, true);
        Path lockFile = StoreFile.lockFile(store);
        FileChannel channel;
        try {
            channel = OutputFile.at(lockFile).openInPlace();
        } catch (OutputFile.Refused e) {
            throw new StoreProblem("cannot lock the store " + store + " with " + lockFile + ": " + e.reason());
        }
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        } catch (IOException e) {
            close(channel);
            throw new StoreProblem("cannot lock the store " + store + " with " + lockFile + ": " + e.getMessage());
        }
        if (lock == null) {
            close(channel);
            throw new StoreBusyException("another backpack-batch job is writing to " + store + "; run this one when it has finished");
        }
        return new StoreLock(channel, lock);
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            // the system drops the lock with the channel anyway
        }
        close(channel);
    }

    private static void close(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing was written through it
        }
    }

    /** The store is being written by another job: a usage matter (exit 2), as running this one now cannot succeed. */
    public static final class StoreBusyException extends StoreProblem {
        private static final long serialVersionUID = 1L;

        StoreBusyException(String message) {
            super(message);
        }
    }
}
