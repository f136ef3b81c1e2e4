package org.backpackbatch.api;

import java.time.Duration;
import javax.net.ssl.SSLContext;

/**
 * How the client talks to an account. {@code rate} is the account's general budget and
 * {@code calendarRate} that of its calendar endpoints (null: no limit but the server's 503s).
 * {@code requestTimeout} is the longest one request may take from sending to the last byte of
 * its answer.
 * {@code sslContext} null means the JVM's default trust; tests pass one that trusts the
 * emulator's throw-away certificate.
 */
public record ClientSettings(
        int workers,
        Duration connectTimeout,
        Duration requestTimeout,
        int maxAttempts,
        Duration backoffBase,
        Duration backoffCap,
        RateLimit rate,
        RateLimit calendarRate,
        Duration maxRetryAfter,
        String contact,
        SSLContext sslContext) {

    public static final String CONTACT_ENV = "BACKPACK_CONTACT";
    /** The longest one request may take by default, in seconds: time for a page of megabytes on a slow line. */
    public static final int DEFAULT_REQUEST_TIMEOUT_SECONDS = 120;

    public ClientSettings {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1");
        }
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("the request timeout must be positive");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1");
        }
    }

    /** Sensible defaults: 10 s to connect, 120 s for a request, 6 attempts from 0.5 s up to 15 s apart. */
    public static ClientSettings defaults() {
        return new ClientSettings(4, Duration.ofSeconds(10), Duration.ofSeconds(DEFAULT_REQUEST_TIMEOUT_SECONDS), 6, Duration.ofMillis(500),
                Duration.ofSeconds(15), RateLimit.DEFAULT, RateLimit.CALENDAR_DEFAULT, SlidingWindowThrottle.DEFAULT_MAX_PAUSE,
                System.getenv(CONTACT_ENV), null);
    }

    public ClientSettings withWorkers(int newWorkers) {
        return new ClientSettings(newWorkers, connectTimeout, requestTimeout, maxAttempts, backoffBase, backoffCap, rate, calendarRate,
                maxRetryAfter, contact, sslContext);
    }

    public ClientSettings withRate(RateLimit newRate) {
        return new ClientSettings(workers, connectTimeout, requestTimeout, maxAttempts, backoffBase, backoffCap, newRate, calendarRate,
                maxRetryAfter, contact, sslContext);
    }

    public ClientSettings withCalendarRate(RateLimit newCalendarRate) {
        return new ClientSettings(workers, connectTimeout, requestTimeout, maxAttempts, backoffBase, backoffCap, rate, newCalendarRate,
                maxRetryAfter, contact, sslContext);
    }

    public ClientSettings withRetries(int newMaxAttempts, Duration newBackoffBase, Duration newBackoffCap) {
        return new ClientSettings(workers, connectTimeout, requestTimeout, newMaxAttempts, newBackoffBase, newBackoffCap,
                rate, calendarRate, maxRetryAfter, contact, sslContext);
    }

    public ClientSettings withTimeouts(Duration newConnectTimeout, Duration newRequestTimeout) {
        return new ClientSettings(workers, newConnectTimeout, newRequestTimeout, maxAttempts, backoffBase, backoffCap, rate, calendarRate,
                maxRetryAfter, contact, sslContext);
    }

    public ClientSettings withRequestTimeout(Duration newRequestTimeout) {
        return withTimeouts(connectTimeout, newRequestTimeout);
    }

    public ClientSettings withMaxRetryAfter(Duration newMaxRetryAfter) {
        return new ClientSettings(workers, connectTimeout, requestTimeout, maxAttempts, backoffBase, backoffCap, rate, calendarRate,
                newMaxRetryAfter, contact, sslContext);
    }

    public ClientSettings withContact(String newContact) {
        return new ClientSettings(workers, connectTimeout, requestTimeout, maxAttempts, backoffBase, backoffCap, rate, calendarRate,
                maxRetryAfter, newContact, sslContext);
    }

    public ClientSettings withSslContext(SSLContext newSslContext) {
        return new ClientSettings(workers, connectTimeout, requestTimeout, maxAttempts, backoffBase, backoffCap, rate, calendarRate,
                maxRetryAfter, contact, newSslContext);
    }

    /** {@code backpack-batch/VERSION (contact)}, as the API asks clients to identify themselves. */
    public String userAgent() {
        String product = "backpack-batch/" + org.backpackbatch.Version.current();
        return contact == null || contact.isBlank() ? product : product + " (" + contact.strip() + ")";
    }
}
