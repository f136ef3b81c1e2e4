package org.backpackbatch.cli;

import java.nio.file.Path;
import java.time.Duration;
import org.backpackbatch.api.AccountUrl;
import org.backpackbatch.api.ApiToken;
import org.backpackbatch.api.BackpackClient;
import org.backpackbatch.api.ClientSettings;
import org.backpackbatch.api.RateLimit;
import picocli.CommandLine.Option;

/** The options of a command that talks to an account: where it is, workers, rate, timeout. The token is the command's own. */
final class AccountOptions {

    @Option(names = "--account", required = true, paramLabel = "URL", description = "The account's base URL, e.g. https://acme.backpackit.com.")
    String account;

    @Option(names = "--workers", defaultValue = "8", paramLabel = "N", description = "Requests in flight at once (default ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--rate", defaultValue = "100/5s", paramLabel = "N/5s|off", description = "The account's rate limit (default ${DEFAULT-VALUE}).")
    String rate;

    @Option(names = "--timeout", defaultValue = "" + ClientSettings.DEFAULT_REQUEST_TIMEOUT_SECONDS, paramLabel = "SECONDS",
            description = "The longest one request may take, from sending to the last byte of its answer (default ${DEFAULT-VALUE});"
                    + " past it the request is retried, then the run fails.")
    int timeoutSeconds;

    AccountUrl accountUrl() {
        try {
            return AccountUrl.parse(account);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** A client for the account; the token comes from the file or else the variable, never from an option value. */
    BackpackClient client(Path tokenFile, String tokenVariable) {
        AccountUrl url = accountUrl();
        try {
            if (workers < 1 || workers > 64) {
                throw new IllegalArgumentException("--workers must be between 1 and 64");
            }
            if (timeoutSeconds < 1) {
                throw new IllegalArgumentException("--timeout must be at least 1 second");
            }
            ApiToken token = ApiToken.load(tokenFile, tokenVariable, System.getenv());
            ClientSettings settings = ClientSettings.defaults().withWorkers(workers).withRate(RateLimit.parse(rate))
                    .withRequestTimeout(Duration.ofSeconds(timeoutSeconds));
            return new BackpackClient(url, token, settings);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
