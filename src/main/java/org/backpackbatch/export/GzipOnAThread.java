package org.backpackbatch.export;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;

/**
 * Gzip on a thread of its own: the writer hands its bytes over in 64 KiB blocks and goes on while
 * the blocks before are compressed, so that on two cores an export's XML and its compression
 * overlap. The file is byte for byte what {@link GZIPOutputStream} writes for the same bytes
 * (deflate's output does not depend on how its input was split, and nothing here flushes it).
 */
final class GzipOnAThread extends OutputStream {

    private static final int BLOCK = 1 << 16;
    private static final byte[] END = new byte[0];

    private final BlockingQueue<byte[]> blocks = new ArrayBlockingQueue<>(4);
    private final Thread compressor;
    private volatile IOException failure;
    private byte[] block = new byte[BLOCK];
    private int used;
    private boolean closed;

    GzipOnAThread(OutputStream out) throws IOException {
        GZIPOutputStream gzip = new GZIPOutputStream(out, BLOCK);
        compressor = new Thread(() -> compress(gzip), "gzip");
        compressor.setDaemon(true);
        compressor.start();
    }

    private void compress(GZIPOutputStream gzip) {
        try (gzip) {
            for (byte[] next = blocks.take(); next != END; next = blocks.take()) {
                gzip.write(next);
            }
        } catch (IOException e) {
            failure = e;
        } catch (InterruptedException e) {
            failure = new InterruptedIOException("compression stopped");
        }
    }

    @Override
    public void write(int b) throws IOException {
        if (used == BLOCK) {
            handOver();
        }
        block[used++] = (byte) b;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        while (length > 0) {
            if (used == BLOCK) {
                handOver();
            }
            int n = Math.min(length, BLOCK - used);
            System.arraycopy(bytes, offset, block, used, n);
            used += n;
            offset += n;
            length -= n;
        }
    }

    private void handOver() throws IOException {
        put(used == BLOCK ? block : Arrays.copyOf(block, used));
        block = new byte[BLOCK];
        used = 0;
    }

    /** Waits for room, but not for a compressor that has failed (it takes nothing any more). */
    private void put(byte[] next) throws IOException {
        try {
            while (!blocks.offer(next, 50, TimeUnit.MILLISECONDS)) {
                rethrowFailure();
            }
        } catch (InterruptedException e) {
            compressor.interrupt();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while compressing");
        }
        rethrowFailure();
    }

    private void rethrowFailure() throws IOException {
        IOException failed = failure;
        if (failed != null) {
            throw new IOException(failed.getMessage(), failed);
        }
    }

    /** Compression goes on at its own pace; only {@link #close} waits for it. */
    @Override
    public void flush() throws IOException {
        rethrowFailure();
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (used > 0) {
            handOver();
        }
        put(END);
        try {
            compressor.join();
        } catch (InterruptedException e) {
            compressor.interrupt();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while compressing");
        }
        rethrowFailure();
    }
}
