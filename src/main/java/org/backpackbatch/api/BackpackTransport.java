package org.backpackbatch.api;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.cookie.CookieSpecFactory;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.config.RegistryBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.util.Timeout;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.impl.io.HttpRequestExecutor;
import org.apache.hc.core5.http.io.HttpClientConnection;
import org.apache.hc.core5.http.io.HttpResponseInformationCallback;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.backpackbatch.api.BackpackException.Kind;
import org.backpackbatch.api.xml.BackpackXmlReader;
import org.backpackbatch.api.xml.MalformedXmlException;
import org.backpackbatch.api.xml.XmlFactories;

/**
 * HTTP to one account on Apache HttpClient 5: every request waits for the account's shared
 * throttle of its budget (calendar endpoints have their own), must be answered in full within the
 * request timeout, transient failures are retried with exponential backoff and jitter, the
 * SSL-mismatch redirect is followed by hand (HttpClient's own handling would turn the POST into a
 * GET), and answers are parsed as they stream in. The token leaves the process only towards this
 * account, in the body, an HTTP Basic header or the path.
 */
public final class BackpackTransport implements BackpackExchange {

    /** Largest answer accepted: a full page is kilobytes, the list of 20,000 pages about 2 MB, one huge note up to this. */
    static final long MAX_ANSWER_BYTES = XmlFactories.MAX_DOCUMENT_BYTES;
    /** Error answers are read whole to tell a Backpack error body from a proxy's page. */
    private static final int MAX_ERROR_BYTES = 64 * 1024;
    /** A 503 storm is not a failure of its own: the throttle waits it out, up to this many times in a row. */
    private static final int MAX_RATE_LIMITED_RETRIES = 100;

    private static final String THROTTLE_SLOT = "backpack.throttle.slot";
    /** Set once the connection is open and the request goes out: from then on the server may act on it. */
    private static final String SENT = "backpack.request.sent";

    /**
     * Aborts each request still running at its deadline. HttpClient's timeouts bound each read, so
     * an answer trickling in a byte at a time would never end; one thread serves every transport.
     */
    private static final ScheduledThreadPoolExecutor DEADLINES = deadlineScheduler();

    private final ApiToken token;
    private final ClientSettings settings;
    private final SlidingWindowThrottle throttle;
    private final SlidingWindowThrottle calendarThrottle;
    private final String basicAuthorization;
    private final CloseableHttpClient http;
    private final PoolingHttpClientConnectionManager connections;
    private volatile AccountUrl account;
    private final java.util.concurrent.atomic.AtomicLong requestsSent = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong answers503 = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong retries = new java.util.concurrent.atomic.AtomicLong();

    public BackpackTransport(AccountUrl account, ApiToken token, ClientSettings settings, AccountThrottles throttles) {
        this.account = account;
        this.token = token;
        this.settings = settings;
        this.throttle = throttles.forAccount(account, RequestBudget.GENERAL, settings.rate(), settings.maxRetryAfter());
        this.calendarThrottle = throttles.forAccount(account, RequestBudget.CALENDAR, settings.calendarRate(), settings.maxRetryAfter());
        this.basicAuthorization = "Basic " + Base64.getEncoder().encodeToString((token.reveal() + ":X").getBytes(StandardCharsets.UTF_8));
        // the encoded token is the token too: masked wherever it might be printed
        Secrets.register(basicAuthorization.substring("Basic ".length()));
        // the deadline ends a request; HttpClient's read timeouts, longer, only back it up
        Timeout readTimeout = Timeout.of(settings.requestTimeout().multipliedBy(2));
        PoolingHttpClientConnectionManagerBuilder pool = PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnTotal(settings.workers() + 1)
                .setMaxConnPerRoute(settings.workers() + 1)
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(settings.connectTimeout()))
                        .setSocketTimeout(readTimeout)
                        .build());
        pool.setTlsSocketStrategy(settings.sslContext() != null ? new DefaultClientTlsStrategy(settings.sslContext())
                : (socket, target, port, attachment, context) -> DefaultTls.STRATEGY.upgrade(socket, target, port, attachment, context));
        this.connections = pool.build();
        this.http = HttpClients.custom()
                .setConnectionManager(connections)
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(readTimeout)
                        .setRedirectsEnabled(false)
                        .build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                // no cookie rules either: the default ones parse the public suffix list, about 0.1 s of each run's start
                .setDefaultCookieSpecRegistry(RegistryBuilder.<CookieSpecFactory>create().build())
                .setUserAgent(settings.userAgent())
                .setRequestExecutor(new HttpRequestExecutor() {
                    @Override
                    public ClassicHttpResponse execute(ClassicHttpRequest request, HttpClientConnection connection,
                            HttpResponseInformationCallback informationCallback, HttpContext context) throws IOException, HttpException {
                        // the connection is open: this is when the server will count the request
                        if (context.getAttribute(THROTTLE_SLOT) instanceof ThrottleSlot slot) {
                            slot.throttle().sent(slot.nanos(), System.nanoTime());
                        }
                        context.setAttribute(SENT, Boolean.TRUE);
                        return super.execute(request, connection, informationCallback, context);
                    }
                })
                .build();
    }

    @Override
    public AccountUrl account() {
        return account;
    }

    @Override
    public ApiToken token() {
        return token;
    }

    @Override
    public SlidingWindowThrottle throttle(RequestBudget budget) {
        return budget == RequestBudget.CALENDAR ? calendarThrottle : throttle;
    }

    /** Retries what is transient; a lost answer to an {@link Replay#UNSAFE} request is reported, not retried. */
    @Override
    public <T> T exchange(Method method, Auth auth, String path, byte[] body, Replay replay, Function<InputStream, T> reader) {
        SlidingWindowThrottle budget = throttle(RequestBudget.of(path));
        String shown = auth == Auth.PATH ? "/[token]" + path : path;
        int failures = 0;
        int rateLimited = 0;
        while (true) {
            try {
                return sendFollowingSslRedirect(new Target(method, auth, path, shown, budget), body, reader);
            } catch (RateLimitedAnswer answer) {
                if (++rateLimited > MAX_RATE_LIMITED_RETRIES) {
                    throw new BackpackException(Kind.UNAVAILABLE, where(shown) + " kept answering 503 (rate limit) after "
                            + MAX_RATE_LIMITED_RETRIES + " waits; try again later");
                }
                answers503.incrementAndGet();
                try {
                    budget.pauseFor(answer.retryAfter);
                } catch (BackpackException tooLong) {
                    throw new BackpackException(tooLong.kind(), where(shown) + " answered 503: " + tooLong.getMessage());
                }
            } catch (TransientFailure failure) {
                if (replay == Replay.UNSAFE && failure.maybeApplied) {
                    throw new BackpackException(Kind.UNCERTAIN, where(shown) + ": the request was sent but its answer was lost ("
                            + failure.getMessage() + "); it may have been applied", failure.getCause());
                }
                if (++failures >= settings.maxAttempts()) {
                    throw new BackpackException(Kind.UNAVAILABLE, where(shown) + " failed " + failures + " times, last: "
                            + failure.getMessage() + "; re-run later", failure.getCause());
                }
                backOff(failures);
                retries.incrementAndGet();
            }
        }
    }

    private <T> T sendFollowingSslRedirect(Target target, byte[] body, Function<InputStream, T> reader) {
        try {
            return sendOnce(target, body, reader);
        } catch (SslRedirect redirect) {
            account = redirect.target;
            return sendOnce(target, body, reader);
        }
    }

    @Override
    public long requestsSent() {
        return requestsSent.get();
    }

    /** What this transport has sent so far: requests, answers 503 among them, and requests sent again after a failure. */
    @Override
    public RequestStats stats() {
        return new RequestStats(requestsSent.get(), answers503.get(), retries.get());
    }

    private <T> T sendOnce(Target target, byte[] body, Function<InputStream, T> reader) {
        HttpClientContext context = HttpClientContext.create();
        context.setAttribute(THROTTLE_SLOT, new ThrottleSlot(target.budget(), acquireThrottle(target.budget())));
        requestsSent.incrementAndGet();
        URI uri = account.resolve(target.auth() == Auth.PATH ? "/" + token.reveal() + target.path() : target.path());
        HttpUriRequestBase request = new HttpUriRequestBase(target.method().name(), uri);
        if (target.auth() == Auth.BASIC) {
            request.setHeader(HttpHeaders.AUTHORIZATION, basicAuthorization);
        }
        if (body != null) {
            request.setEntity(new ByteArrayEntity(body, ContentType.APPLICATION_XML));
        }
        Duration timeout = settings.requestTimeout();
        AtomicBoolean timedOut = new AtomicBoolean();
        ScheduledFuture<?> deadline = DEADLINES.schedule(() -> {
            timedOut.set(true);
            request.cancel();
        }, timeout.toNanos(), TimeUnit.NANOSECONDS);
        try {
            return execute(request, context, uri, target, reader);
        } catch (RuntimeException failure) {
            if (timedOut.get()) {
                // whatever the abort broke, the cause is the deadline
                throw new TransientFailure("timed out: no complete answer within " + seconds(timeout) + " (the request timeout)",
                        failure, context.getAttribute(SENT) != null);
            }
            throw failure;
        } finally {
            deadline.cancel(false);
        }
    }

    private <T> T execute(HttpUriRequestBase request, HttpClientContext context, URI uri, Target target, Function<InputStream, T> reader) {
        try {
            return http.execute(request, context, response -> answer(response, uri, target.shown(), reader));
        } catch (BackpackException | TransientFailure | RateLimitedAnswer | SslRedirect passThrough) {
            throw passThrough;
        } catch (ConnectTimeoutException | UnknownHostException | ConnectException notSent) {
            if (notSent instanceof UnknownHostException) {
                throw new BackpackException(Kind.UNAVAILABLE, "cannot resolve the host of " + account + "; check the account URL");
            }
            throw new TransientFailure("cannot connect: " + notSent.getClass().getSimpleName(), notSent, false);
        } catch (IOException | UncheckedIOException lost) {
            throw new TransientFailure("connection failed: " + describe(lost), lost, true);
        }
    }

    /** {@code path} is the path as messages show it; {@code uri} where the request really went. */
    private <T> T answer(ClassicHttpResponse response, URI uri, String path, Function<InputStream, T> reader) throws IOException {
        int status = response.getCode();
        HttpEntity entity = response.getEntity();
        if (status == 200 || status == 201 || status == 204) {
            InputStream content = entity == null ? InputStream.nullInputStream() : entity.getContent();
            try {
                return reader.apply(new BoundedStream(content, MAX_ANSWER_BYTES));
            } catch (MalformedXmlException malformed) {
                if (malformed.truncated()) {
                    throw new TransientFailure("the answer was cut off: " + malformed.getMessage(), malformed, true);
                }
                throw invalidAnswer(path, malformed.getMessage(), malformed);
            } catch (UncheckedIOException broken) {
                if (broken.getCause() instanceof AnswerTooLarge tooLarge) {
                    throw invalidAnswer(path, tooLarge.getMessage(), tooLarge);
                }
                throw new TransientFailure("the answer broke off: " + describe(broken), broken, true);
            } catch (BackpackErrorException error) {
                throw backpackError(path, error);
            }
        }
        if (status == 302 || status == 301 || status == 303 || status == 307 || status == 308) {
            throw redirect(response, uri, path);
        }
        if (status == 401 || status == 403) {
            throw new BackpackException(Kind.AUTHENTICATION, "the server refused the token for " + account + " (HTTP "
                    + status + "); check the token given for this account (its token file or variable)");
        }
        byte[] errorBody = entity == null ? new byte[0] : entity.getContent().readNBytes(MAX_ERROR_BYTES);
        BackpackErrorException backpackError = backpackErrorIn(errorBody);
        if (backpackError != null) {
            throw backpackError(path, backpackError);
        }
        if (status == 503) {
            Duration retryAfter = retryAfter(response);
            if (retryAfter != null) {
                throw new RateLimitedAnswer(retryAfter);
            }
        }
        if (status >= 500) {
            // The server itself answering 500 or 503 did not carry the request out; behind a gateway's
            // 502 or 504 the account's server may have acted before its answer was lost.
            boolean maybeApplied = status == 502 || status == 504;
            throw new TransientFailure("HTTP " + status + " without a Backpack error", null, maybeApplied);
        }
        throw new BackpackException(Kind.REFUSED, where(path) + " answered HTTP " + status + "; is " + account
                + " the URL of a Backpack account?");
    }

    /** Only the SSL-mismatch redirect is followed: same host, path and query, another scheme (and its port). */
    private SslRedirect redirect(ClassicHttpResponse response, URI current, String path) {
        Header location = response.getFirstHeader(HttpHeaders.LOCATION);
        if (location != null) {
            try {
                URI target = current.resolve(new URI(location.getValue().strip()));
                String scheme = target.getScheme() == null ? "" : target.getScheme().toLowerCase(Locale.ROOT);
                boolean sameHost = current.getHost() != null && current.getHost().equalsIgnoreCase(target.getHost());
                boolean otherScheme = (scheme.equals("https") || scheme.equals("http")) && !scheme.equalsIgnoreCase(current.getScheme());
                boolean samePath = current.getRawPath().equals(target.getRawPath())
                        && Objects.equals(current.getRawQuery(), target.getRawQuery());
                if (sameHost && otherScheme && samePath) {
                    int port = target.getPort() != -1 ? target.getPort() : (scheme.equals("https") ? 443 : 80);
                    return new SslRedirect(account.withSchemeAndPort(scheme, port));
                }
                throw new BackpackException(Kind.REDIRECT_REFUSED, where(path) + " redirected to " + target
                        + "; only a redirect to the same host's " + (current.getScheme().equals("http") ? "https" : "http")
                        + " URL is followed, so the token is never sent elsewhere. Check the account URL.");
            } catch (URISyntaxException e) {
                throw new BackpackException(Kind.REDIRECT_REFUSED, where(path) + " redirected to an invalid location");
            }
        }
        throw new BackpackException(Kind.REDIRECT_REFUSED, where(path) + " answered a redirect without a location");
    }

    private BackpackException backpackError(String path, BackpackErrorException error) {
        return BackpackException.answered(where(path), error);
    }

    private static BackpackErrorException backpackErrorIn(byte[] body) {
        try {
            BackpackXmlReader.readSuccess(new ByteArrayInputStream(body));
            return null;
        } catch (BackpackErrorException error) {
            return error;
        } catch (RuntimeException notBackpack) {
            return null;
        }
    }

    private BackpackException invalidAnswer(String path, String problem, Throwable cause) {
        return new BackpackException(Kind.INVALID_ANSWER, where(path) + " sent an answer that is not Backpack XML: " + problem, cause);
    }

    private static Duration retryAfter(ClassicHttpResponse response) {
        Header header = response.getFirstHeader(HttpHeaders.RETRY_AFTER);
        return header == null ? null : RetryAfter.parse(header.getValue(), Instant.now());
    }

    private long acquireThrottle(SlidingWindowThrottle budget) {
        try {
            return budget.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackpackException(Kind.UNAVAILABLE, "interrupted while waiting for the rate limit of " + account);
        }
    }

    /** Exponential backoff with full jitter: a random wait up to base * 2^(n-1), capped. */
    private void backOff(int failures) {
        long ceiling = Math.min(settings.backoffCap().toMillis(), settings.backoffBase().toMillis() << Math.min(20, failures - 1));
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(ceiling / 2, Math.max(ceiling / 2 + 1, ceiling + 1)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackpackException(Kind.UNAVAILABLE, "interrupted while retrying " + account);
        }
    }

    private String where(String path) {
        return account + path;
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() / 1000.0 + " s";
    }

    private static ScheduledThreadPoolExecutor deadlineScheduler() {
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "backpack-request-deadlines");
            thread.setDaemon(true);
            return thread;
        });
        // most requests end in time: their aborts leave the queue at once instead of at their deadline
        scheduler.setRemoveOnCancelPolicy(true);
        return scheduler;
    }

    private static String describe(Exception e) {
        Throwable cause = e instanceof UncheckedIOException && e.getCause() != null ? e.getCause() : e;
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }

    @Override
    public void close() {
        try {
            http.close();
        } catch (IOException e) {
            // closing only releases pooled connections
        }
        connections.close();
    }

    /** One request: {@code path} as sent (after the token for {@link Auth#PATH}), {@code shown} as messages name it. */
    private record Target(Method method, Auth auth, String path, String shown, SlidingWindowThrottle budget) {
    }

    /** The throttle a request took its slot from, for re-stamping the slot when the request goes on the wire. */
    private record ThrottleSlot(SlidingWindowThrottle throttle, long nanos) {
    }

    /** A failure worth retrying; {@code maybeApplied} when the server may have carried the request out. */
    /**
     * HttpClient's default TLS, set up at the first https connection of the process: reading the
     * JVM's trust store and the public suffix list would cost every plain-HTTP run about 0.3 s.
     */
    private static final class DefaultTls {
        static final TlsSocketStrategy STRATEGY = DefaultClientTlsStrategy.createDefault();
    }

    private static final class TransientFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private final boolean maybeApplied;

        TransientFailure(String message, Throwable cause, boolean maybeApplied) {
            super(Secrets.scrub(message), cause, false, false);
            this.maybeApplied = maybeApplied;
        }
    }

    private static final class RateLimitedAnswer extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private final Duration retryAfter;

        RateLimitedAnswer(Duration retryAfter) {
            super(null, null, false, false);
            this.retryAfter = retryAfter;
        }
    }

    private static final class SslRedirect extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private final AccountUrl target;

        SslRedirect(AccountUrl target) {
            super(null, null, false, false);
            this.target = target;
        }
    }

    /** Raised by {@link BoundedStream} past {@link #MAX_ANSWER_BYTES}. */
    static final class AnswerTooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        AnswerTooLarge(long limit) {
            super("the answer is larger than " + limit / (1024 * 1024) + " MiB");
        }
    }

    /** Stops reading a hostile or broken answer before it exhausts memory. */
    private static final class BoundedStream extends FilterInputStream {
        private final long limit;
        private long read;

        BoundedStream(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count(b < 0 ? 0 : 1);
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            count(Math.max(0, n));
            return n;
        }

        private void count(int n) throws AnswerTooLarge {
            read += n;
            if (read > limit) {
                throw new AnswerTooLarge(limit);
            }
        }
    }
}
