package org.backpackbatch.backup;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Only one job writes to a store at a time: an OS lock on {@code STORE.lock}, which the system
 * releases even when the holder is killed, so a crashed run never blocks the next one.
 */
public final class StoreLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private StoreLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock or fails at once, naming the store. */
    public static StoreLock acquire(Path store) {
        Path lockFile = store.resolveSibling(store.getFileName() + ".lock");
        try {
            FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                throw new StoreBusyException("another backpack-batch job is writing to " + store + "; run this one when it has finished");
            }
            return new StoreLock(channel, lock);
        } catch (IOException e) {
            throw new StoreBusyException("cannot lock " + lockFile + ": " + e.getMessage());
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            // the system drops the lock with the channel anyway
        }
    }

    /** The store is being written by another job. */
    public static final class StoreBusyException extends RuntimeException {
        StoreBusyException(String message) {
            super(message);
        }
    }
}
