package org.backpackbatch.emulator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

/**
 * Plain HTTP for the emulator's own tests: they check its answers as text, literally, so they
 * must not go through the project's client, which would hide what is on the wire.
 */
final class RawHttp {

    record Reply(int status, String body, HttpResponse<String> response) {
        String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }
    }

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private RawHttp() {
    }

    /** The HTTP Basic header of the REST-style endpoints: the token as user name, {@code X} as password. */
    static Map<String, String> basic(String token) {
        return Map.of("Authorization", "Basic " + Base64.getEncoder().encodeToString((token + ":X").getBytes(StandardCharsets.UTF_8)));
    }

    static Reply post(String url, String body) {
        return send("POST", url, body);
    }

    /** POSTs {@code <request><token>TOKEN</token>ELEMENTS</request>} to the account's path. */
    static Reply ws(BackpackEmulator.HostedAccount account, String path, String elements) {
        return post(account.baseUrl() + path, "<request><token>" + account.token() + "</token>" + elements + "</request>");
    }

    static Reply send(String method, String url, String body) {
        return send(method, url, body, Map.of());
    }

    static Reply send(String method, String url, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/xml")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Reply(response.statusCode(), response.body(), response);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
