package org.backpackbatch.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class GzipOnAThreadTest {

    /** An archive's worth of XML-like text with some noise, a few hundred kilobytes. */
    private static byte[] content() {
        Random random = new Random(42);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 6000; i++) {
            text.append("<item id=\"").append(random.nextInt(1_000_000)).append("\" completed=\"")
                    .append(random.nextBoolean()).append("\">Buy ").append(Long.toHexString(random.nextLong())).append("</item>\n");
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void writesTheSameBytesAsGzipOutputStreamHoweverTheWritesAreSplit() throws IOException {
        byte[] content = content();
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(expected)) {
            gzip.write(content);
        }

        ByteArrayOutputStream actual = new ByteArrayOutputStream();
        Random sizes = new Random(7);
        try (OutputStream gzip = new GzipOnAThread(actual)) {
            int at = 0;
            while (at < content.length) {
                if (sizes.nextInt(10) == 0) {
                    gzip.write(content[at++]);
                } else {
                    int n = Math.min(content.length - at, 1 + sizes.nextInt(200_000));
                    gzip.write(content, at, n);
                    at += n;
                }
                gzip.flush();
            }
        }

        assertThat(actual.toByteArray()).isEqualTo(expected.toByteArray());
        assertThat(new GZIPInputStream(new ByteArrayInputStream(actual.toByteArray())).readAllBytes()).isEqualTo(content);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS) // a guard against a writer left waiting on a dead compressor, not a speed
    void aFileThatCannotBeWrittenFailsTheWriterInsteadOfLeavingItWaiting() throws IOException {
        // takes the gzip header, then the disk is full
        OutputStream full = new OutputStream() {
            private int room = 100;

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                if (length > room) {
                    throw new IOException("No space left on device");
                }
                room -= length;
            }
        };
        byte[] content = content();
        OutputStream gzip = new GzipOnAThread(full);
        assertThatThrownBy(() -> {
            for (int i = 0; i < 200; i++) {
                gzip.write(content);
            }
            gzip.close();
        }).isInstanceOf(IOException.class).hasMessageContaining("No space left on device");
    }
}
