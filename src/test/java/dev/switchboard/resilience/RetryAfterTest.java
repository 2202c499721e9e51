package dev.switchboard.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testkit.ManualClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class RetryAfterTest {
    // 2026-01-01T00:00:00Z is a Thursday.
    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));

    @Test
    void deltaSeconds() {
        assertThat(RetryAfter.parse("120", clock)).contains(Duration.ofSeconds(120));
        assertThat(RetryAfter.parse(" 0 ", clock)).contains(Duration.ZERO);
        assertThat(RetryAfter.parse("1.5", clock)).contains(Duration.ofMillis(1_500));
        assertThat(RetryAfter.parse("1.1", clock)).contains(Duration.ofMillis(1_100)); // exact, no float drift
        assertThat(RetryAfter.parse("0.0001", clock)).contains(Duration.ofMillis(1)); // rounded up
    }

    @Test
    void httpDateInImfFixdateForm() {
        assertThat(RetryAfter.parse("Thu, 01 Jan 2026 00:00:30 GMT", clock)).contains(Duration.ofSeconds(30));
        assertThat(RetryAfter.parse("Fri, 02 Jan 2026 00:00:00 GMT", clock)).contains(Duration.ofDays(1));
    }

    @Test
    void anHttpDateIsMeasuredFromTheInjectedClock() {
        clock.advance(Duration.ofSeconds(20));
        assertThat(RetryAfter.parse("Thu, 01 Jan 2026 00:00:30 GMT", clock)).contains(Duration.ofSeconds(10));
    }

    @Test
    void aDateInThePastMeansRetryNow() {
        assertThat(RetryAfter.parse("Wed, 31 Dec 2025 23:59:00 GMT", clock)).contains(Duration.ZERO);
    }

    @Test
    void absurdValuesAreClampedNotOverflowed() {
        assertThat(RetryAfter.parse("99999999999999999999", clock)).contains(RetryAfter.MAX);
        assertThat(RetryAfter.parse("Fri, 01 Jan 9999 00:00:00 GMT", clock)).contains(RetryAfter.MAX);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"-5", "soon", "5s", "1e3", "1.", ".5", "1.2.3", "Thu, 32 Jan 2026 00:00:00 GMT",
        "Mon, 01 Jan 2026 00:00:30 GMT" /* wrong weekday */, "2026-01-01T00:00:30Z"})
    void unreadableValuesAreNoAdvice(String value) {
        assertThat(RetryAfter.parse(value, clock)).isEmpty();
    }

    @Test
    void retryAfterMillis() {
        assertThat(RetryAfter.parseMillis("250")).contains(Duration.ofMillis(250));
        assertThat(RetryAfter.parseMillis("12.3")).contains(Duration.ofMillis(13)); // rounded up
        assertThat(RetryAfter.parseMillis("x")).isEmpty();
        assertThat(RetryAfter.parseMillis(null)).isEmpty();
    }
}
