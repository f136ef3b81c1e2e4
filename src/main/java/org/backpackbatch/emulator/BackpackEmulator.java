package org.backpackbatch.emulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongSupplier;
import org.backpackbatch.api.RequestBudget;
import org.backpackbatch.api.Secrets;
import org.backpackbatch.api.SlidingWindow;
import org.backpackbatch.api.xml.BackpackXmlReader;
import org.backpackbatch.api.xml.MalformedXmlException;
import org.backpackbatch.api.xml.XmlElement;

/**
 * The Backpack service, emulated on a real HTTP server: every account at its own base URL
 * {@code http://HOST:PORT/NAME}, with its own token, data, rate limit and fault sequence.
 */
public final class BackpackEmulator implements AutoCloseable {

    private static final long ACCOUNT_ID_SPACING = 100_000_000L;

    static {
        // The JDK server writes headers and body in separate segments; with Nagle's algorithm the
        // body then waits for the client's delayed ACK (40 ms a request). Read once, at class load.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final EmulatorConfig config;
    /** The time the rate limits count arrivals in, in nanoseconds. */
    private final LongSupplier nanoTime;
    private final HttpServer server;
    /** With {@code requireSsl}: the https side, on a port of its own, that plain requests are sent to. */
    private final HttpsServer tlsServer;
    private final EmulatorTls tls;
    private final ExecutorService workers;
    private final Map<String, HostedAccount> accounts = new LinkedHashMap<>();
    private final Endpoints endpoints = new Endpoints();
    private final AtomicLongArray faultCounts = new AtomicLongArray(Fault.values().length);
    private final AtomicLong rateLimited = new AtomicLong();

    /** One account as the server hosts it. */
    public static final class HostedAccount {
        private final String name;
        private final String token;
        private final String baseUrl;
        private final EmulatedAccount data;
        private final SlidingWindow window;
        private final SlidingWindow calendarWindow;
        private final AtomicLong requests = new AtomicLong();

        private HostedAccount(String name, String token, String baseUrl, EmulatedAccount data, EmulatorConfig config) {
            this.name = name;
            this.token = token;
            this.baseUrl = baseUrl;
            this.data = data;
            this.window = config.rateLimit() == null ? null : new SlidingWindow(config.rateLimit());
            this.calendarWindow = config.calendarRateLimit() == null ? null : new SlidingWindow(config.calendarRateLimit());
        }

        public String name() {
            return name;
        }

        /** The account's API token; the emulator prints it once, at start, for scripts to read. */
        public String token() {
            return token;
        }

        public String baseUrl() {
            return baseUrl;
        }

        public EmulatedAccount data() {
            return data;
        }

        /** Requests that reached this account, including those refused by its rate limit. */
        public long requestCount() {
            return requests.get();
        }
    }

    private BackpackEmulator(EmulatorConfig config, LongSupplier nanoTime) throws IOException {
        this.config = config;
        this.nanoTime = nanoTime;
        server = HttpServer.create(new InetSocketAddress(config.bind(), config.port()), 1024);
        workers = new ThreadPoolExecutor(128, 128, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), runnable -> {
            Thread thread = new Thread(runnable, "emulator-worker");
            thread.setDaemon(true);
            return thread;
        });
        ((ThreadPoolExecutor) workers).allowCoreThreadTimeOut(true);
        server.setExecutor(workers);
        server.createContext("/", this::handle);
        String host = config.bind().equals("0.0.0.0") || config.bind().equals("::") ? "127.0.0.1" : config.bind();
        if (config.requireSsl()) {
            tls = EmulatorTls.create(host);
            tlsServer = HttpsServer.create(new InetSocketAddress(config.bind(), 0), 1024);
            tlsServer.setHttpsConfigurator(new HttpsConfigurator(tls.serverContext()));
            tlsServer.setExecutor(workers);
            tlsServer.createContext("/", this::handle);
        } else {
            tls = null;
            tlsServer = null;
        }
        int port = server.getAddress().getPort();
        SecureRandom random = new SecureRandom();
        for (int index = 0; index < config.accounts().size(); index++) {
            AccountSpec spec = config.accounts().get(index);
            AtomicLong ids = new AtomicLong((index + 1) * ACCOUNT_ID_SPACING);
            String seed = spec.seed() == null ? config.defaultSeed() : spec.seed();
            EmulatedAccount data = new EmulatedAccount(spec.name(), ids::incrementAndGet, Clock.systemUTC(),
                    Seeds.create(seed, config.seedValue(), spec.name(), ids::incrementAndGet));
            byte[] tokenBytes = new byte[20];
            random.nextBytes(tokenBytes);
            String token = HexFormat.of().formatHex(tokenBytes);
            // the emulator prints its tokens once, by design; everywhere else they are masked like real ones
            Secrets.register(token);
            String baseUrl = "http://" + hostForUrl(host) + ":" + port + "/" + spec.name();
            accounts.put(spec.name(), new HostedAccount(spec.name(), token, baseUrl, data, config));
        }
    }

    /** Seeds the accounts and starts serving. */
    public static BackpackEmulator start(EmulatorConfig config) throws IOException {
        return start(config, System::nanoTime);
    }

    /** As {@link #start(EmulatorConfig)}, its rate limits counting arrivals by {@code nanoTime}: a clock a test can move. */
    public static BackpackEmulator start(EmulatorConfig config, LongSupplier nanoTime) throws IOException {
        BackpackEmulator emulator = new BackpackEmulator(config, nanoTime);
        emulator.server.start();
        if (emulator.tlsServer != null) {
            emulator.tlsServer.start();
        }
        return emulator;
    }

    public List<HostedAccount> accounts() {
        return List.copyOf(accounts.values());
    }

    public HostedAccount account(String name) {
        HostedAccount account = accounts.get(name);
        if (account == null) {
            throw new IllegalArgumentException("no account named " + name);
        }
        return account;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** How many requests each kind of fault has hit so far. */
    public long faultCount(Fault fault) {
        return faultCounts.get(fault.ordinal());
    }

    /** How many requests were refused with a 503 by a rate limit. */
    public long rateLimitedCount() {
        return rateLimited.get();
    }

    /** The https port when {@code requireSsl} is on, else -1. */
    public int tlsPort() {
        return tlsServer == null ? -1 : tlsServer.getAddress().getPort();
    }

    /** A client TLS context that trusts this emulator's throw-away certificate (only with {@code requireSsl}). */
    public javax.net.ssl.SSLContext trustingClientContext() {
        if (tls == null) {
            throw new IllegalStateException("the emulator serves https only with requireSsl");
        }
        return tls.clientContext();
    }

    @Override
    public void close() {
        server.stop(0);
        if (tlsServer != null) {
            tlsServer.stop(0);
        }
        workers.shutdownNow();
    }

    // ---- one request --------------------------------------------------------------------

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            List<String> segments = pathSegments(exchange.getRequestURI().getRawPath());
            HostedAccount account = segments.isEmpty() ? null : accounts.get(segments.get(0));
            if (account == null) {
                send(exchange, Answer.plain(404, "No such account\n", Map.of("Content-Type", "text/plain")));
                return;
            }
            if (config.requireSsl() && !(exchange instanceof HttpsExchange)) {
                String location = "https://" + hostWithoutPort(exchange) + ":" + tlsPort() + exchange.getRequestURI().toString();
                send(exchange, Answer.plain(302, "", Map.of("Location", location)));
                return;
            }
            List<String> path = segments.subList(1, segments.size());
            SlidingWindow window = RequestBudget.of(String.join("/", path)) == RequestBudget.CALENDAR ? account.calendarWindow : account.window;
            if (window != null) {
                long waitNanos = window.tryAcquire(nanoTime.getAsLong());
                if (waitNanos > 0) {
                    account.requests.incrementAndGet();
                    rateLimited.incrementAndGet();
                    long seconds = Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
                    send(exchange, Answer.plain(503, "Rate limit exceeded\n",
                            Map.of("Retry-After", Long.toString(seconds), "Content-Type", "text/plain")));
                    return;
                }
            }
            FaultPlan.Decision decision = config.faults().decide(account.requests.incrementAndGet());
            faultCounts.incrementAndGet(decision.fault().ordinal());
            if (decision.latencyMs() > 0) {
                Thread.sleep(decision.latencyMs());
            }
            if (decision.fault() == Fault.SERVER_ERROR) {
                send(exchange, Answer.plain(500, "<html><body><h1>500 Internal Server Error</h1></body></html>\n",
                        Map.of("Content-Type", "text/html")));
                return;
            }
            Answer answer = answer(exchange, account, path);
            switch (decision.fault()) {
                case DROPPED_CONNECTION -> {
                    // closing the exchange without an answer drops the connection: the change is made, the answer lost
                }
                case CUT_BODY -> sendCut(exchange, answer, decision);
                default -> send(exchange, answer);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Answer answer(HttpExchange exchange, HostedAccount account, List<String> path) throws IOException {
        Endpoints.Bound bound = endpoints.find(exchange.getRequestMethod(), path);
        if (bound == null) {
            return Answer.error(404, "Record not found");
        }
        if (bound.wrongMethod()) {
            return Answer.plain(405, "Method not allowed\n", Map.of("Content-Type", "text/plain"));
        }
        byte[] body = readBody(exchange.getRequestBody());
        if (body == null) {
            return Answer.error(500, "Internal error");
        }
        XmlElement request;
        try {
            request = body.length == 0 || isBlank(body) ? new XmlElement("request", Map.of(), "", List.of())
                    : BackpackXmlReader.readRequest(new ByteArrayInputStream(body));
            request = withQuery(request, exchange.getRequestURI().getRawQuery());
        } catch (MalformedXmlException | IllegalArgumentException e) {
            return Answer.error(500, "Internal error");
        }
        String token = bound.pathToken() != null ? bound.pathToken() : bodyOrBasicToken(request, exchange, Endpoints.isRestStyle(path));
        if (!isTokenOf(account, token)) {
            return Answer.error(401, "Access denied");
        }
        // a Location the endpoint gives is relative to the account, and to the token for endpoints under it
        String locationBase = "/" + account.name + (bound.pathToken() == null ? "" : "/" + bound.pathToken());
        try {
            return bound.handler().handle(account.data, bound.ids(), request).withLocationUnder(locationBase);
        } catch (EmulatorError e) {
            return Answer.error(e.code(), e.getMessage());
        }
    }

    /** The token in {@code <token>}, or for REST-style endpoints also by HTTP Basic (token as user name). */
    private static String bodyOrBasicToken(XmlElement request, HttpExchange exchange, boolean restStyle) {
        String token = "request".equals(request.name()) ? request.childText("token") : null;
        if (token == null && restStyle) {
            token = basicUser(exchange.getRequestHeaders().getFirst("Authorization"));
        }
        return token;
    }

    private static boolean isTokenOf(HostedAccount account, String token) {
        return token != null && MessageDigest.isEqual(
                token.strip().getBytes(StandardCharsets.UTF_8), account.token.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The request with its query parameters added as child elements, as Rails merges the query and
     * the body into one set of parameters: that is how {@code ?n=1&count=100} reaches the journal.
     */
    static XmlElement withQuery(XmlElement request, String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return request;
        }
        List<XmlElement> children = new ArrayList<>(request.children());
        for (String parameter : rawQuery.split("&")) {
            if (!parameter.isEmpty()) {
                String[] nameAndValue = parameter.split("=", 2);
                children.add(new XmlElement(URLDecoder.decode(nameAndValue[0], StandardCharsets.UTF_8), Map.of(),
                        nameAndValue.length == 2 ? URLDecoder.decode(nameAndValue[1], StandardCharsets.UTF_8) : "", List.of()));
            }
        }
        return new XmlElement(request.name(), request.attributes(), request.text(), children);
    }

    private static String basicUser(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? decoded : decoded.substring(0, colon);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The body, or null past the reader's bound: a larger one is refused as bad input. */
    private static byte[] readBody(InputStream in) throws IOException {
        byte[] body = in.readNBytes(BackpackXmlReader.MAX_REQUEST_BYTES + 1);
        return body.length > BackpackXmlReader.MAX_REQUEST_BYTES ? null : body;
    }

    private static boolean isBlank(byte[] body) {
        for (byte b : body) {
            if (!Character.isWhitespace(b)) {
                return false;
            }
        }
        return true;
    }

    private static void send(HttpExchange exchange, Answer answer) throws IOException {
        answer.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        byte[] body = answer.body();
        exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /**
     * Sends only part of the answer: either a shorter body with matching framing (valid HTTP,
     * truncated XML) or the full length announced and the connection closed early.
     */
    private static void sendCut(HttpExchange exchange, Answer answer, FaultPlan.Decision decision) throws IOException {
        byte[] body = answer.body();
        if (body.length < 2) {
            return;
        }
        int cut = Math.max(1, Math.min(body.length - 1, (int) (body.length * decision.cutAt())));
        answer.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        byte[] part = Arrays.copyOf(body, cut);
        exchange.sendResponseHeaders(answer.status(), decision.cutAborts() ? body.length : part.length);
        OutputStream out = exchange.getResponseBody();
        out.write(part);
        out.flush();
        // with the full length announced, closing now cuts the connection mid-body
        exchange.close();
    }

    private static List<String> pathSegments(String rawPath) {
        List<String> segments = new ArrayList<>();
        for (String segment : rawPath.split("/")) {
            if (!segment.isEmpty()) {
                segments.add(segment);
            }
        }
        return segments;
    }

    /** The host the client asked for (its Host header without the port), so the redirect keeps it. */
    private static String hostWithoutPort(HttpExchange exchange) {
        String host = exchange.getRequestHeaders().getFirst("Host");
        if (host == null || host.isBlank()) {
            return hostForUrl(exchange.getLocalAddress().getAddress().getHostAddress());
        }
        int portColon = host.lastIndexOf(':');
        return portColon > host.lastIndexOf(']') ? host.substring(0, portColon) : host;
    }

    private static String hostForUrl(String host) {
        return host.contains(":") ? "[" + host + "]" : host;
    }
}
