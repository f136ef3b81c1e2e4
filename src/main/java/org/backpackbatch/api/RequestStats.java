package org.backpackbatch.api;

/** What a client sent: HTTP requests (retries included), answers 503 (rate limited) among them, and retries after a failure. */
public record RequestStats(long requests, long rateLimited, long retries) {

    public static final RequestStats NONE = new RequestStats(0, 0, 0);
}
