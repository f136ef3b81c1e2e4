package org.backpackbatch.api;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for a broken or hostile Backpack server on a loopback address: every request is
 * answered by a script that knows the request's number (from 1). It answers what no emulator would,
 * on its own or by changing what a real server (the emulator) answered ({@link #forward}).
 */
public final class ScriptedServer implements AutoCloseable {

    private static final String REQUEST_BODY = "scripted-server.request-body";
    private static final HttpClient UPSTREAM = HttpClient.newHttpClient();

    /** Answers one request; {@code number} counts requests from 1 in arrival order. */
    @FunctionalInterface
    public interface Script {
        void answer(HttpExchange exchange, int number) throws IOException;
    }

    private final HttpServer server;
    private final ExecutorService workers = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "scripted-server");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicInteger requests = new AtomicInteger();

    private ScriptedServer(String host, Script script) throws IOException {
        server = HttpServer.create(new InetSocketAddress(host, 0), 64);
        server.setExecutor(workers);
        server.createContext("/", exchange -> {
            try (exchange) {
                exchange.setAttribute(REQUEST_BODY, exchange.getRequestBody().readAllBytes());
                script.answer(exchange, requests.incrementAndGet());
            } catch (IOException clientWentAway) {
                // the client stopped reading, as it must with an answer too large or too long
            }
        });
        server.start();
    }

    public static ScriptedServer start(String host, Script script) throws IOException {
        return new ScriptedServer(host, script);
    }

    /** The same answer to every request. */
    static ScriptedServer answering(int status, String body, String... headerNamesAndValues) throws IOException {
        return start("127.0.0.1", (exchange, number) -> reply(exchange, status, body, headerNamesAndValues));
    }

    /** An account URL on this server, as a client is given it. */
    public String accountUrl() {
        return "http://" + server.getAddress().getHostString() + ":" + port() + "/acme";
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** Requests received so far. */
    int requests() {
        return requests.get();
    }

    public static void reply(HttpExchange exchange, int status, String body, String... headerNamesAndValues) throws IOException {
        for (int i = 0; i + 1 < headerNamesAndValues.length; i += 2) {
            exchange.getResponseHeaders().add(headerNamesAndValues[i], headerNamesAndValues[i + 1]);
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /** A chunked 200 answer of {@code head}, then {@code repeated} until {@code bodyBytes} are sent, then {@code tail}. */
    static void stream(HttpExchange exchange, String head, String repeated, long bodyBytes, String tail) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "application/xml");
        exchange.sendResponseHeaders(200, 0);
        byte[] chunk = repeated.repeat(Math.max(1, 64 * 1024 / repeated.length())).getBytes(StandardCharsets.UTF_8);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(head.getBytes(StandardCharsets.UTF_8));
            for (long sent = 0; sent < bodyBytes; sent += chunk.length) {
                out.write(chunk);
            }
            out.write(tail.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The body of a request this server took, read whole before the script answers. */
    public static String requestBody(HttpExchange exchange) {
        return new String((byte[]) exchange.getAttribute(REQUEST_BODY), StandardCharsets.UTF_8);
    }

    /** What the server behind a scripted one answered. */
    public record Forwarded(int status, String body) {
    }

    /** Sends the request on, with its method, path, body and headers, to the same path at {@code origin} (http://host:port). */
    public static Forwarded forward(HttpExchange exchange, String origin) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(origin + exchange.getRequestURI()))
                .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray((byte[]) exchange.getAttribute(REQUEST_BODY)));
        for (String header : List.of("Content-Type", "Authorization", "User-Agent")) {
            String value = exchange.getRequestHeaders().getFirst(header);
            if (value != null) {
                request.header(header, value);
            }
        }
        try {
            HttpResponse<String> answer = UPSTREAM.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Forwarded(answer.statusCode(), answer.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while forwarding", e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }
}
