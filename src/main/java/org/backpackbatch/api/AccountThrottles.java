package org.backpackbatch.api;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One throttle per account and budget, shared by whoever talks to that account through it: the
 * server counts requests per account and client address, so every worker and every job on that
 * account must share each budget. The application holds one for the whole process.
 */
public final class AccountThrottles {

    private final Map<String, SlidingWindowThrottle> throttles = new ConcurrentHashMap<>();

    public SlidingWindowThrottle forAccount(AccountUrl account, RequestBudget budget, RateLimit rate, Duration maxRetryAfter) {
        String key = account.base().getHost() + ":" + account.base().getPort() + account.base().getRawPath() + " " + budget + " " + rate;
        return throttles.computeIfAbsent(key, unused -> SlidingWindowThrottle.forLimit(rate, maxRetryAfter));
    }
}
