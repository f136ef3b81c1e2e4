package org.backpackbatch.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * Serves {@link RunMetrics} to Prometheus at {@code GET /metrics}, on the JDK's own HTTP server
 * (one endpoint needs no web stack); every other path is 404. Started with {@link #start}, ended
 * with {@link #close}.
 */
public final class MetricsEndpoint implements AutoCloseable {

    public static final String PATH = "/metrics";

    private final HttpServer server;

    private MetricsEndpoint(HttpServer server) {
        this.server = server;
    }

    /** Serves on {@code port} of the loopback address only: the default, as the metrics name the accounts. */
    public static MetricsEndpoint start(int port, RunMetrics metrics) {
        return start(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), metrics);
    }

    /**
     * Serves on {@code address} (port 0 picks a free one: see {@link #address()}).
     *
     * @throws UncheckedIOException with one line naming the address when it cannot be bound (in use, not local)
     */
    public static MetricsEndpoint start(InetSocketAddress address, RunMetrics metrics) {
        HttpServer server;
        try {
            server = HttpServer.create(address, 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve metrics on " + spelled(address) + ": " + e.getMessage(), e);
        }
        server.createContext("/", exchange -> answer(exchange, metrics));
        server.start();
        return new MetricsEndpoint(server);
    }

    /** {@code 127.0.0.1:9400}, {@code [::1]:9400}: the numeric address a user would give. */
    private static String spelled(InetSocketAddress address) {
        String host = address.getAddress() == null ? address.getHostString() : address.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    /** The address and port it listens on. */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    private static void answer(HttpExchange exchange, RunMetrics metrics) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            if (!exchange.getRequestURI().getPath().equals(PATH)) {
                send(exchange, 404, "text/plain; charset=utf-8", "not found: metrics are at " + PATH + "\n", method);
            } else if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                send(exchange, 405, "text/plain; charset=utf-8", "method not allowed\n", method);
            } else {
                send(exchange, 200, RunMetrics.CONTENT_TYPE, metrics.scrape(), method);
            }
        }
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body, String method) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        if (method.equals("HEAD")) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Stops listening at once; a scrape in flight is cut short, which Prometheus retries at its next interval. */
    @Override
    public void close() {
        server.stop(0);
    }
}
