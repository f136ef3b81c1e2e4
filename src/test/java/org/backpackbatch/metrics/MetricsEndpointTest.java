package org.backpackbatch.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.backpackbatch.metrics.PrometheusText.value;
import static org.backpackbatch.metrics.Runs.MIDNIGHT;
import static org.backpackbatch.metrics.Runs.backup;
import static org.backpackbatch.metrics.Runs.seconds;
import static org.backpackbatch.metrics.Runs.series;
import static org.backpackbatch.metrics.Runs.status;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.backpackbatch.app.RunSummary.Outcome;
import org.backpackbatch.metrics.PrometheusText.Family;
import org.junit.jupiter.api.Test;

/** Prometheus scraping the daemon: real HTTP on a free loopback port. */
class MetricsEndpointTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final RunMetrics metrics = new RunMetrics();

    @Test
    void servesTheRunsInThePrometheusTextFormatAndEachScrapeShowsTheLatestRun() throws Exception {
        try (MetricsEndpoint endpoint = MetricsEndpoint.start(0, metrics)) {
            metrics.record(backup(Outcome.SUCCEEDED, MIDNIGHT));
            HttpResponse<String> first = get(endpoint, "/metrics");
            metrics.record(backup(Outcome.FAILED, MIDNIGHT.plus(Duration.ofDays(1))));
            HttpResponse<String> second = get(endpoint, "/metrics");

            assertThat(first.statusCode()).isEqualTo(200);
            assertThat(first.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
            Map<String, Family> before = PrometheusText.parse(first.body());
            Map<String, Family> after = PrometheusText.parse(second.body());
            assertThat(value(before, RunMetrics.LAST_RUN_STATUS, status("succeeded"))).isEqualTo(1);
            assertThat(value(after, RunMetrics.LAST_RUN_STATUS, status("succeeded"))).isZero();
            assertThat(value(after, RunMetrics.LAST_RUN_STATUS, status("failed"))).isEqualTo(1);
            assertThat(value(after, RunMetrics.LAST_SUCCESS, series())).isEqualTo(seconds(MIDNIGHT) + 90.5);
            assertThat(value(before, RunMetrics.FAILURES, series())).isZero();
            assertThat(value(after, RunMetrics.FAILURES, series())).isEqualTo(1);
        }
    }

    @Test
    void listensOnLoopbackUnlessToldOtherwise() {
        try (MetricsEndpoint endpoint = MetricsEndpoint.start(0, metrics)) {
            assertThat(endpoint.address().getAddress().isLoopbackAddress()).isTrue();
            assertThat(endpoint.address().getPort()).isPositive();
        }
    }

    @Test
    void anyOtherPathIsNotFoundAndOnlyGetAndHeadAreAnswered() throws Exception {
        try (MetricsEndpoint endpoint = MetricsEndpoint.start(0, metrics)) {
            assertThat(get(endpoint, "/").statusCode()).isEqualTo(404);
            assertThat(get(endpoint, "/metrics/extra").statusCode()).isEqualTo(404);
            HttpResponse<String> post = HTTP.send(HttpRequest.newBuilder(uri(endpoint, "/metrics")).POST(HttpRequest.BodyPublishers.noBody())
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(post.statusCode()).isEqualTo(405);
            assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
        }
    }

    @Test
    void aPortInUseIsOneLineNamingTheAddress() {
        try (MetricsEndpoint first = MetricsEndpoint.start(0, metrics)) {
            int port = first.address().getPort();

            assertThatThrownBy(() -> MetricsEndpoint.start(port, metrics)).isInstanceOf(UncheckedIOException.class)
                    .hasMessageStartingWith("cannot serve metrics on " + InetAddress.getLoopbackAddress().getHostAddress() + ":" + port + ": ")
                    .message().doesNotContain("\n");
        }
    }

    @Test
    void afterCloseThePortIsFreeAgain() {
        InetSocketAddress address;
        try (MetricsEndpoint endpoint = MetricsEndpoint.start(0, metrics)) {
            address = endpoint.address();
        }

        assertThatThrownBy(() -> HTTP.send(HttpRequest.newBuilder(URI.create("http://" + address.getHostString() + ":" + address.getPort()
                + "/metrics")).build(), HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class);
        MetricsEndpoint.start(address, metrics).close();
    }

    private static HttpResponse<String> get(MetricsEndpoint endpoint, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri(endpoint, path)).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(MetricsEndpoint endpoint, String path) {
        return URI.create("http://" + endpoint.address().getHostString() + ":" + endpoint.address().getPort() + path);
    }
}
