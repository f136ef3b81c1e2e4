package org.backpackbatch.export;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.backpackbatch.store.HandOff;

/**
 * Gzip on a thread of its own: the writer hands its bytes over in 64 KiB blocks and goes on while
 * the blocks before are compressed, so that on two cores an export's XML and its compression
 * overlap. The file is byte for byte what {@link GZIPOutputStream} writes for the same bytes
 * (deflate's output does not depend on how its input was split, and nothing here flushes it).
 */
final class GzipOnAThread extends OutputStream {

    private static final int BLOCK = 1 << 16;

    private final GZIPOutputStream gzip;
    /** Blocks for the compressor, one at a time, four waiting at most. */
    private final HandOff<byte[]> blocks;
    private byte[] block = new byte[BLOCK];
    private int used;
    private boolean closed;

    GzipOnAThread(OutputStream out) throws IOException {
        gzip = new GZIPOutputStream(out, BLOCK);
        blocks = new HandOff<>("gzip", 1, 4, next -> {
            try {
                gzip.write(next);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
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
        byte[] next = used == BLOCK ? block : Arrays.copyOf(block, used);
        block = new byte[BLOCK];
        used = 0;
        handing(() -> blocks.accept(next));
    }

    /** A failure of the compressor as the writer's {@link IOException}; an interrupt as an interrupted write. */
    private static void handing(Runnable handing) throws IOException {
        try {
            handing.run();
        } catch (UncheckedIOException e) {
            throw new IOException(e.getCause().getMessage(), e.getCause());
        } catch (IllegalStateException e) {
            if (e.getCause() instanceof InterruptedException) {
                throw new InterruptedIOException("interrupted while compressing");
            }
            throw e;
        }
    }

    /** Compression goes on at its own pace; only {@link #close} waits for it, and ends the file also after a failure. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        IOException failure = null;
        try {
            if (used > 0) {
                handOver();
            }
            handing(blocks::finish);
        } catch (IOException e) {
            failure = e;
        } finally {
            blocks.close();
        }
        try {
            gzip.close();
        } catch (IOException e) {
            if (failure == null) {
                throw e;
            }
            failure.addSuppressed(e);
        }
        if (failure != null) {
            throw failure;
        }
    }
}
