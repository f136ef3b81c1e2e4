package org.backpackbatch.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The tests' reader of the Prometheus text format refuses what Prometheus would, so a scrape it reads is well formed. */
class PrometheusTextTest {

    @Test
    void readsTheFormatsOwnExample() {
        Map<String, PrometheusText.Family> families = PrometheusText.parse("""
                # HELP http_requests_total The total number of HTTP requests.
                # TYPE http_requests_total counter
                http_requests_total{method="post",code="200"} 1027 1395066363000
                http_requests_total{method="post",code="400"}    3 1395066363000

                # Escaping in label values:
                msdos_file_access_time_seconds{path="C:\\\\DIR\\\\FILE.TXT",error="Cannot find file:\\n\\"FILE.TXT\\""} 1.458255915e9
                # A histogram
                # TYPE http_request_duration_seconds histogram
                http_request_duration_seconds_bucket{le="+Inf"} 144320
                http_request_duration_seconds_sum 53423
                http_request_duration_seconds_count 144320
                """);

        assertThat(PrometheusText.value(families, "http_requests_total", Map.of("method", "post", "code", "400"))).isEqualTo(3);
        assertThat(PrometheusText.value(families, "msdos_file_access_time_seconds",
                Map.of("path", "C:\\DIR\\FILE.TXT", "error", "Cannot find file:\n\"FILE.TXT\""))).isEqualTo(1.458255915e9);
        assertThat(families.get("http_request_duration_seconds").samples()).hasSize(3);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "no_value\n",
        "a{b=\"c\"} one\n",
        "a{b=c} 1\n",
        "a{b=\"c\\t\"} 1\n",
        "a{__b=\"c\"} 1\n",
        "a{b=\"c\",b=\"d\"} 1\n",
        "1a 1\n",
        "a 1\nb 1\na 2\n",
        "a 1\na 2\n",
        "a 1\n# TYPE a gauge\n",
        "# TYPE a gauge\n# TYPE a gauge\na 1\n",
        "# TYPE a meter\na 1\n",
        "# HELP a \\t\na 1\n",
        "a 1"})
    void refusesWhatTheFormatDoesNotAllow(String text) {
        assertThatThrownBy(() -> PrometheusText.parse(text)).isInstanceOf(AssertionError.class);
    }
}
