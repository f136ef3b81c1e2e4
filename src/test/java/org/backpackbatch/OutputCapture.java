package org.backpackbatch;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.backpackbatch.api.Secrets;

/** Copies everything written to System.out and System.err (logs included) while it runs. */
final class OutputCapture {

    private final PrintStream originalOut = System.out;
    private final PrintStream originalErr = System.err;
    private final ByteArrayOutputStream copy = new ByteArrayOutputStream();

    /** Copies the output and still lets it through. */
    static OutputCapture start() {
        return start(true);
    }

    /** With {@code passThrough} false the output is only copied: for tests that leak on purpose. */
    static OutputCapture start(boolean passThrough) {
        OutputCapture capture = new OutputCapture();
        System.setOut(tee(passThrough ? capture.originalOut : null, capture.copy));
        System.setErr(tee(passThrough ? capture.originalErr : null, capture.copy));
        return capture;
    }

    /** Restores the streams and fails when any loaded token was written. */
    void stopAndCheck(String what) {
        System.out.flush();
        System.err.flush();
        System.setOut(originalOut);
        System.setErr(originalErr);
        String written;
        synchronized (copy) {
            written = copy.toString(StandardCharsets.UTF_8);
        }
        if (Secrets.leaksIn(written)) {
            throw new AssertionError("an API token appeared in what " + what + " printed or logged");
        }
    }

    private static PrintStream tee(PrintStream original, ByteArrayOutputStream copy) {
        return new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                if (original != null) {
                    original.write(b);
                }
                synchronized (copy) {
                    copy.write(b);
                }
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                if (original != null) {
                    original.write(bytes, offset, length);
                }
                synchronized (copy) {
                    copy.write(bytes, offset, length);
                }
            }

            @Override
            public void flush() {
                if (original != null) {
                    original.flush();
                }
            }
        }, true, StandardCharsets.UTF_8);
    }
}
