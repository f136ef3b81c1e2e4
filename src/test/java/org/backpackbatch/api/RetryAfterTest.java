package org.backpackbatch.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every form of {@code Retry-After} a recipient must accept (RFC 9110), as the wait it asks for. */
class RetryAfterTest {

    /** A minute before the example date of RFC 9110, Sun, 06 Nov 1994 08:49:37 GMT. */
    private static final Instant BEFORE_THE_EXAMPLE = Instant.parse("1994-11-06T08:48:37Z");

    @ParameterizedTest
    @ValueSource(strings = {"60", " 60 ", "Sun, 06 Nov 1994 08:49:37 GMT", "Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994",
        "Sun, 6 Nov 1994 08:49:37 GMT"})
    void eachFormAsksForTheSameWait(String value) {
        assertThat(RetryAfter.parse(value, BEFORE_THE_EXAMPLE)).isEqualTo(Duration.ofSeconds(60));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Sun, 06 Nov 1994 08:48:36 GMT", "Sat, 01 Jan 1994 00:00:00 GMT", "Sunday, 06-Nov-94 08:48:37 GMT",
        "Sun Nov  6 08:00:00 1994"})
    void aDateInThePastMeansRetryNow(String value) {
        assertThat(RetryAfter.parse(value, BEFORE_THE_EXAMPLE)).isZero();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Thu Dec 31 23:59:59 2026 | 2026-12-31T23:59:59Z",
        "Thu Dec 10 00:00:01 2026 | 2026-12-10T00:00:01Z",
        "Sun, 01 Jan 2045 00:00:00 GMT | 2045-01-01T00:00:00Z",
        // two-digit years: this century unless that is more than 50 years ahead
        "Friday, 01-Jan-30 00:00:00 GMT | 2030-01-01T00:00:00Z",
        "Wednesday, 01-Dec-76 00:00:00 GMT | 2076-12-01T00:00:00Z"})
    void aDateAheadAsksForTheTimeUntilIt(String value, String date) {
        Instant now = Instant.parse("2026-12-01T00:00:00Z");

        assertThat(RetryAfter.parse(value, now)).isEqualTo(Duration.between(now, Instant.parse(date)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Monday, 01-Jan-77 00:00:00 GMT", "Tuesday, 01-Jan-99 00:00:00 GMT"})
    void aTwoDigitYearMoreThanFiftyYearsAheadIsInThePastCentury(String value) {
        assertThat(RetryAfter.parse(value, Instant.parse("2026-12-01T00:00:00Z"))).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-5", "1.5", "soon", "Sun, 31 Feb 1994 08:49:37 GMT", "Sun, 06 Nov 1994 08:49:37 PST",
        "sun, 06 nov 1994 08:49:37 gmt", "1994-11-06T08:49:37Z", "Sun Nov 6 08:49:37 1994"})
    void anythingElseIsNoRetryAfter(String value) {
        assertThat(RetryAfter.parse(value, BEFORE_THE_EXAMPLE)).isNull();
    }
}
