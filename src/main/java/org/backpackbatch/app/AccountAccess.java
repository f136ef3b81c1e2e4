package org.backpackbatch.app;

import java.time.Duration;
import org.backpackbatch.api.AccountUrl;
import org.backpackbatch.api.RateLimit;

/**
 * How to reach an account: its URL, where its token comes from, how many requests in flight, the
 * rate limit to keep (null: off) and the longest one request may take.
 */
public record AccountAccess(AccountUrl url, TokenSource token, int workers, RateLimit rate, Duration timeout) {

    public AccountAccess {
        if (workers < 1 || workers > 64) {
            throw new UsageException("--workers must be between 1 and 64, not " + workers);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new UsageException("--timeout must be at least 1 second");
        }
    }
}
