package org.backpackbatch.api;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * An account's base URL, e.g. {@code https://acme.backpackit.com} or the emulator's
 * {@code http://127.0.0.1:8080/acme}: http or https, a host, an optional path, nothing else.
 */
public record AccountUrl(URI base) {

    public AccountUrl {
        String scheme = base.getScheme() == null ? "" : base.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("account URL '" + base + "' must start with http:// or https://");
        }
        if (base.getHost() == null || base.getHost().isEmpty()) {
            throw new IllegalArgumentException("account URL '" + base + "' has no host");
        }
        if (base.getRawUserInfo() != null || base.getRawQuery() != null || base.getRawFragment() != null) {
            throw new IllegalArgumentException("account URL '" + base + "' must be only scheme, host, port and path");
        }
    }

    public static AccountUrl parse(String text) {
        String trimmed = text == null ? "" : text.strip();
        try {
            URI uri = new URI(trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed);
            return new AccountUrl(uri);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("account URL '" + trimmed + "' is not a URL: " + e.getReason());
        }
    }

    /** The full URL of an endpoint path such as {@code /ws/pages/all}. */
    public URI resolve(String path) {
        return URI.create(base + path);
    }

    /** The same account reached through another scheme and port, as an SSL-mismatch redirect asks. */
    public AccountUrl withSchemeAndPort(String scheme, int port) {
        try {
            return new AccountUrl(new URI(scheme, null, base.getHost(), port, base.getRawPath(), null, null));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    @Override
    public String toString() {
        return base.toString();
    }
}
