package org.backpackbatch.options;

import java.time.Duration;
import org.backpackbatch.api.AccountUrl;
import org.backpackbatch.api.ClientSettings;
import org.backpackbatch.api.RateLimit;
import org.backpackbatch.app.AccountAccess;
import org.backpackbatch.app.TokenSource;
import picocli.CommandLine.Option;

/** How to reach an account: where it is, requests in flight, rate, timeout. The token's file is the command's own option. */
public final class AccountOptions {

    @Option(names = "--account", required = true, paramLabel = "URL", converter = Converters.Account.class,
            defaultValue = "${env:BACKPACK_ACCOUNT}",
            description = "The account's base URL, e.g. https://acme.backpackit.com; default $BACKPACK_ACCOUNT.")
    AccountUrl account;

    @Option(names = "--workers", defaultValue = "8", paramLabel = "N", description = "Requests in flight at once (default ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--rate", defaultValue = "100/5s", paramLabel = "N/5s|off", converter = Converters.Rate.class,
            description = "The account's rate limit (default ${DEFAULT-VALUE}).")
    RateLimit rate;

    @Option(names = "--timeout", defaultValue = "" + ClientSettings.DEFAULT_REQUEST_TIMEOUT_SECONDS, paramLabel = "SECONDS",
            description = "The longest one request may take, from sending to the last byte of its answer (default ${DEFAULT-VALUE});"
                    + " past it the request is retried, then the run fails.")
    int timeoutSeconds;

    AccountAccess access(TokenSource token) {
        return access(account, token);
    }

    /** How to reach {@code other} with these settings. */
    AccountAccess access(AccountUrl other, TokenSource token) {
        return new AccountAccess(other, token, workers, rate, Duration.ofSeconds(Math.max(0, timeoutSeconds)));
    }
}
