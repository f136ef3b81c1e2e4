package org.backpackbatch.api;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One throttle per account in this process, whoever talks to it: the server counts requests per
 * account and client address, so every worker and every job on that account must share a budget.
 */
public final class AccountThrottles {

    private static final Map<String, SlidingWindowThrottle> THROTTLES = new ConcurrentHashMap<>();

    private AccountThrottles() {
    }

    public static SlidingWindowThrottle forAccount(AccountUrl account, RateLimit rate, Duration maxRetryAfter) {
        String key = account.base().getHost() + ":" + account.base().getPort() + account.base().getRawPath() + " " + rate;
        return THROTTLES.computeIfAbsent(key, unused -> SlidingWindowThrottle.forLimit(rate, maxRetryAfter));
    }
}
