package org.backpackbatch.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A server on a raw loopback socket that takes every request and then stalls: it trickles a valid
 * answer a byte at a time, or never answers at all. Each read the client makes gets a byte (or
 * waits) well within any read timeout; only a deadline on the whole request ends it.
 */
public final class StalledServer implements AutoCloseable {

    /** CR LF CR LF. */
    private static final int END_OF_HEAD = 0x0D0A0D0A;

    private final ServerSocket listener;
    private final byte[] head;
    private final byte[] body;
    private final Duration byteInterval;
    private final AtomicInteger requests = new AtomicInteger();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "stalled-server");
        thread.setDaemon(true);
        return thread;
    });

    private StalledServer(String answerXml, Duration byteInterval) {
        this.body = answerXml == null ? null : answerXml.getBytes(StandardCharsets.UTF_8);
        this.head = body == null ? null : ("HTTP/1.1 200 OK\r\nContent-Type: application/xml\r\nContent-Length: " + body.length
                + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        this.byteInterval = byteInterval;
        try {
            listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        threads.execute(this::accept);
    }

    /** Answers each request with its status and headers at once, then {@code answerXml} one byte every {@code byteInterval}. */
    public static StalledServer trickling(String answerXml, Duration byteInterval) {
        return new StalledServer(answerXml, byteInterval);
    }

    /** Reads each request and never answers it, holding the connection open. */
    public static StalledServer silent() {
        return new StalledServer(null, null);
    }

    /** An account URL on this server, as a client is given it. */
    public String accountUrl() {
        return "http://127.0.0.1:" + listener.getLocalPort() + "/acme";
    }

    /** Requests received in full so far. */
    public int requests() {
        return requests.get();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket socket = listener.accept();
                open.add(socket);
                threads.execute(() -> serve(socket));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = socket.getInputStream();
            while (readRequest(in)) {
                requests.incrementAndGet();
                if (body == null) {
                    continue;
                }
                OutputStream out = socket.getOutputStream();
                out.write(head);
                out.flush();
                for (byte b : body) {
                    Thread.sleep(byteInterval.toMillis());
                    out.write(b);
                    out.flush();
                }
            }
        } catch (IOException | InterruptedException clientGaveUp) {
            // the client aborted the request, or the server is closing
        } finally {
            open.remove(socket);
        }
    }

    /** Reads one request, head and body; false when the client closed the connection. */
    private static boolean readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        for (int lastFour = 0; lastFour != END_OF_HEAD; ) {
            int b = in.read();
            if (b < 0) {
                return false;
            }
            head.write(b);
            lastFour = lastFour << 8 | b;
        }
        long length = head.toString(StandardCharsets.ISO_8859_1).lines()
                .filter(line -> line.toLowerCase(Locale.ROOT).startsWith("content-length:"))
                .mapToLong(line -> Long.parseLong(line.substring(line.indexOf(':') + 1).strip()))
                .findFirst().orElse(0);
        return in.readNBytes((int) length).length == length;
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException e) {
            // the port is released either way
        }
        for (Socket socket : open) {
            try {
                socket.close();
            } catch (IOException e) {
                // the thread serving it ends either way
            }
        }
        threads.shutdownNow();
    }
}
