package org.backpackbatch.api;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One throttle per account and budget in this process, whoever talks to it: the server counts
 * requests per account and client address, so every worker and every job on that account must
 * share each budget.
 */
public final class AccountThrottles {

    private static final Map<String, SlidingWindowThrottle> THROTTLES = new ConcurrentHashMap<>();

    private AccountThrottles() {
    }

    public static SlidingWindowThrottle forAccount(AccountUrl account, RequestBudget budget, RateLimit rate, Duration maxRetryAfter) {
        String key = account.base().getHost() + ":" + account.base().getPort() + account.base().getRawPath() + " " + budget + " " + rate;
        return THROTTLES.computeIfAbsent(key, unused -> SlidingWindowThrottle.forLimit(rate, maxRetryAfter));
    }
}
