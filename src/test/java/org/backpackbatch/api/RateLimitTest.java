package org.backpackbatch.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RateLimitTest {

    @Test
    void parsesTheServiceDefaults() {
        assertThat(RateLimit.parse("100/5s")).isEqualTo(new RateLimit(100, Duration.ofSeconds(5))).isEqualTo(RateLimit.DEFAULT);
        assertThat(RateLimit.parse("10/5s")).isEqualTo(RateLimit.CALENDAR_DEFAULT);
    }

    @Test
    void parsesMillisecondsSecondsAndMinutes() {
        assertThat(RateLimit.parse("10/500ms")).isEqualTo(new RateLimit(10, Duration.ofMillis(500)));
        assertThat(RateLimit.parse(" 7/1s ")).isEqualTo(new RateLimit(7, Duration.ofSeconds(1)));
        assertThat(RateLimit.parse("3/2m")).isEqualTo(new RateLimit(3, Duration.ofMinutes(2)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"off", "OFF", " Off "})
    void offMeansNoLimit(String spec) {
        assertThat(RateLimit.parse(spec)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "nonsense", "100", "100/", "/5s", "100/5", "100/5h", "100 / 5s", "-1/5s", "1.5/5s", "100/5s/2",
            "0/5s", "5/0s", "5/0ms", "99999999999/5s", "1/99999999999999999999s", "1/9999999999999m", "1/999999999999999999m", "offf"})
    void refusesAnythingElseWithAMessageNamingIt(String spec) {
        assertThatThrownBy(() -> RateLimit.parse(spec))
                .isInstanceOf(IllegalArgumentException.class)
                .satisfiesAnyOf(
                        failure -> assertThat(failure).hasMessageContaining("'" + spec + "'"),
                        failure -> assertThat(failure).hasMessageContaining("rate limit"));
    }

    @Test
    void refusesAnEmptyOrNegativeBudget() {
        assertThatThrownBy(() -> new RateLimit(0, Duration.ofSeconds(5))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RateLimit(5, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RateLimit(5, Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"100/5s", "10/500ms", "1/1ms", "3/2m", "10/1500ms"})
    void printsWhatItParses(String spec) {
        RateLimit limit = RateLimit.parse(spec);

        assertThat(RateLimit.parse(limit.toString())).isEqualTo(limit);
    }

    @Test
    void printsInTheCommandLineForm() {
        assertThat(RateLimit.DEFAULT).hasToString("100/5s");
        assertThat(RateLimit.parse("10/500ms")).hasToString("10/500ms");
    }
}
