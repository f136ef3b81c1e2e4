package org.backpackbatch.api;

import java.io.InputStream;
import java.util.function.Function;

/**
 * One account's API as the client speaks to it: a request goes out, its answer is read while it
 * streams in, and whatever goes wrong arrives as a {@link BackpackException} of its kind.
 * {@link BackpackTransport} carries it over HTTP; the client neither knows nor cares which carries it.
 */
public interface BackpackExchange extends AutoCloseable {

    /** Whether a request may be sent again when its outcome is unknown. */
    enum Replay {
        /** Reads and changes that give the same result when repeated. */
        SAFE,
        /** Creates, toggles, moves, destroys: repeating may apply them twice, so a lost answer is reported, not retried. */
        UNSAFE
    }

    /** A request in HTTP terms. */
    enum Method {
        GET, POST, PUT, DELETE
    }

    /** How a request carries the token. */
    enum Auth {
        /** In the XML body, {@code <request><token>}, written by the caller: the {@code /ws} endpoints and separators. */
        BODY,
        /** HTTP Basic, the token as user name and {@code X} as password: the other REST-style endpoints. */
        BASIC,
        /** As the first segment of the path, {@code /{token}/reminders.xml}; messages show {@code [token]} in its place. */
        PATH
    }

    AccountUrl account();

    ApiToken token();

    /** The account's throttle of that budget: every request to a calendar endpoint spends the calendar one. */
    SlidingWindowThrottle throttle(RequestBudget budget);

    /** Requests sent so far, retries and redirects included. */
    long requestsSent();

    /** Requests sent, answers 503 and retries so far. */
    default RequestStats stats() {
        return new RequestStats(requestsSent(), 0, 0);
    }

    /**
     * Sends one request and reads its answer with {@code reader} while it streams in. A
     * {@link Replay#UNSAFE} request whose answer was lost fails as {@link BackpackException.Kind#UNCERTAIN}
     * instead of being sent twice. With {@link Auth#PATH}, {@code path} is the part after the token,
     * e.g. {@code /reminders.xml}.
     */
    <T> T exchange(Method method, Auth auth, String path, byte[] body, Replay replay, Function<InputStream, T> reader);

    /** As {@link #exchange(Method, Auth, String, byte[], Replay, Function)} with the token in the body. */
    default <T> T exchange(Method method, String path, byte[] body, Replay replay, Function<InputStream, T> reader) {
        return exchange(method, Auth.BODY, path, body, replay, reader);
    }

    @Override
    void close();
}
