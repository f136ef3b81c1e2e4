package org.backpackbatch.emulator;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.backpackbatch.api.AccountUrl;
import org.backpackbatch.api.ApiToken;
import org.backpackbatch.api.BackpackClient;
import org.backpackbatch.api.BackpackErrorException;
import org.backpackbatch.api.BackpackException;
import org.backpackbatch.api.BackpackExchange;
import org.backpackbatch.api.RateLimit;
import org.backpackbatch.api.RequestBudget;
import org.backpackbatch.api.SlidingWindowThrottle;
import org.backpackbatch.api.xml.BackpackXmlReader;
import org.backpackbatch.api.xml.XmlElement;

/**
 * An emulated account spoken to without HTTP, as restic's tests use an in-memory repository: a
 * client's requests go through the emulator's own endpoint table to an {@link EmulatedAccount}
 * and its answers are read by the client's own readers, so backup and restore logic meets the
 * service's rules at the cost of a method call. It can lose the answer to a create after the
 * account carried it out, as a dropped connection does; it never throttles. Each client it makes
 * counts its own requests, as a client over HTTP does.
 */
public final class InMemoryAccount {

    private static final Endpoints ENDPOINTS = new Endpoints();
    private static final XmlElement EMPTY_REQUEST = new XmlElement("request", Map.of(), "", List.of());

    private final AccountUrl url;
    /** A token of its own, as the emulator gives each account: it may appear in no test's output. */
    private final ApiToken token = ApiToken.of(HexFormat.of().formatHex(randomBytes(20)));
    private final EmulatedAccount data;
    private final SlidingWindowThrottle throttle = SlidingWindowThrottle.forLimit(RateLimit.DEFAULT, SlidingWindowThrottle.DEFAULT_MAX_PAUSE);
    private final List<String> unsafeRequests = new ArrayList<>();
    private String losingAnswersTo;
    private int answersToLose;
    private String droppingRequestsTo;
    private int requestsToDrop;

    private InMemoryAccount(String name, EmulatedAccount data) {
        this.url = AccountUrl.parse("http://in-memory.invalid/" + name);
        this.data = data;
    }

    /**
     * The account {@code name} with the emulator's seed {@code seed} ({@code demo}, {@code empty}
     * or a number of generated pages); ids start at {@code firstId}, so that two accounts' ids differ.
     */
    public static InMemoryAccount seeded(String name, String seed, long firstId) {
        AtomicLong ids = new AtomicLong(firstId);
        return new InMemoryAccount(name, new EmulatedAccount(name, ids::incrementAndGet, Clock.systemUTC(),
                Seeds.create(seed, 1, name, ids::incrementAndGet)));
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    /** A client of this account, as the application makes one. */
    public BackpackClient client() {
        return new BackpackClient(new Exchange());
    }

    /** The account's data, to arrange a test's state and to check what requests did. */
    public EmulatedAccount data() {
        return data;
    }

    /**
     * The next {@code count} creates and other changes that may not be repeated whose path ends
     * with {@code pathEnd} are carried out, and their answers lost: the client sees
     * {@link BackpackException.Kind#UNCERTAIN}, as after a connection dropped with the answer.
     */
    public synchronized void loseAnswers(String pathEnd, int count) {
        losingAnswersTo = pathEnd;
        answersToLose = count;
    }

    /**
     * The next {@code count} changes that may not be repeated whose path ends with {@code pathEnd}
     * never reach the account, and the client cannot tell: it sees
     * {@link BackpackException.Kind#UNCERTAIN}, as when a gateway answers 502.
     */
    public synchronized void dropRequests(String pathEnd, int count) {
        droppingRequestsTo = pathEnd;
        requestsToDrop = count;
    }

    /** The paths of the requests sent that may not be repeated (creates, moves, destroys), in order. */
    public synchronized List<String> unsafeRequests() {
        return List.copyOf(unsafeRequests);
    }

    /** The account's URL, as the store names it. */
    public AccountUrl account() {
        return url;
    }

    /** What one client's requests go through: straight to the account, counted. */
    private final class Exchange implements BackpackExchange {
        private final AtomicLong requests = new AtomicLong();

        @Override
        public AccountUrl account() {
            return url;
        }

        @Override
        public ApiToken token() {
            return token;
        }

        @Override
        public SlidingWindowThrottle throttle(RequestBudget budget) {
            return throttle;
        }

        @Override
        public long requestsSent() {
            return requests.get();
        }

        @Override
        public <T> T exchange(Method method, Auth auth, String path, byte[] body, Replay replay, Function<InputStream, T> reader) {
            requests.incrementAndGet();
            return serve(method, auth, path, body, replay, reader);
        }

        @Override
        public void close() {
            // nothing held: the account lives as long as the test keeps it
        }
    }

    private <T> T serve(BackpackExchange.Method method, BackpackExchange.Auth auth, String path, byte[] body,
            BackpackExchange.Replay replay, Function<InputStream, T> reader) {
        String[] pathAndQuery = path.split("\\?", 2);
        List<String> segments = new ArrayList<>();
        if (auth == BackpackExchange.Auth.PATH) {
            segments.add(token.reveal());
        }
        for (String segment : pathAndQuery[0].split("/")) {
            if (!segment.isEmpty()) {
                segments.add(segment);
            }
        }
        Endpoints.Bound bound = ENDPOINTS.find(method.name(), segments);
        if (bound == null || bound.wrongMethod()) {
            throw new IllegalArgumentException("the emulator has no endpoint " + method + " " + path);
        }
        XmlElement request = body == null ? EMPTY_REQUEST : BackpackXmlReader.readRequest(new ByteArrayInputStream(body));
        request = BackpackEmulator.withQuery(request, pathAndQuery.length > 1 ? pathAndQuery[1] : null);
        if (replay == BackpackExchange.Replay.UNSAFE && dropped(path)) {
            throw uncertain(path);
        }
        Answer answer;
        try {
            answer = bound.handler().handle(data, bound.ids(), request);
        } catch (EmulatorError e) {
            answer = Answer.error(e.code(), e.getMessage());
        }
        if (replay == BackpackExchange.Replay.UNSAFE && answerLost(path)) {
            throw uncertain(path);
        }
        if (answer.status() >= 300) {
            try {
                BackpackXmlReader.readSuccess(new ByteArrayInputStream(answer.body()));
            } catch (BackpackErrorException error) {
                throw BackpackException.answered(url + path, error);
            }
            throw new IllegalStateException("HTTP " + answer.status() + " without a Backpack error for " + path);
        }
        try {
            return reader.apply(new ByteArrayInputStream(answer.body()));
        } catch (BackpackErrorException error) {
            throw BackpackException.answered(url + path, error);
        }
    }

    private BackpackException uncertain(String path) {
        return new BackpackException(BackpackException.Kind.UNCERTAIN, url + path + ": the answer was lost; it may have been applied");
    }

    private synchronized boolean dropped(String path) {
        unsafeRequests.add(path);
        if (requestsToDrop > 0 && path.endsWith(droppingRequestsTo)) {
            requestsToDrop--;
            return true;
        }
        return false;
    }

    private synchronized boolean answerLost(String path) {
        if (answersToLose > 0 && path.endsWith(losingAnswersTo)) {
            answersToLose--;
            return true;
        }
        return false;
    }
}
