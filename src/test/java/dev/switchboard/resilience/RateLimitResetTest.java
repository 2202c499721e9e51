package dev.switchboard.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testkit.ManualClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class RateLimitResetTest {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));

    @ParameterizedTest
    @CsvSource({
        "1s, 1000",
        "6m0s, 360000",
        "20ms, 20",
        "1h2m3.5s, 3723500",
        "0.5s, 500",
        "17.123s, 17123",
        "0, 0",
        "150µs, 1",   // rounded up to a whole millisecond
        "150us, 1",
        "2000000ns, 2",
    })
    void openAiGoDurations(String value, long millis) {
        assertThat(RateLimitReset.parseOpenAi(value)).contains(Duration.ofMillis(millis));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"5", "s", "1x", "-1s", "1.2.3s", "1s2", "ms", "1 s"})
    void malformedOpenAiValuesAreNoAdvice(String value) {
        assertThat(RateLimitReset.parseOpenAi(value)).isEmpty();
    }

    @Test
    void hugeOpenAiValuesAreClamped() {
        assertThat(RateLimitReset.parseOpenAi("99999999h")).contains(RetryAfter.MAX);
    }

    @Test
    void anthropicRfc3339Timestamps() {
        assertThat(RateLimitReset.parseAnthropic("2026-01-01T00:00:30Z", clock)).contains(Duration.ofSeconds(30));
        assertThat(RateLimitReset.parseAnthropic("2026-01-01T01:00:30+01:00", clock)).contains(Duration.ofSeconds(30));
        assertThat(RateLimitReset.parseAnthropic("2026-01-01T00:00:00.250Z", clock)).contains(Duration.ofMillis(250));
        assertThat(RateLimitReset.parseAnthropic("2026-01-01t00:00:30z", clock)).contains(Duration.ofSeconds(30));
    }

    @Test
    void anthropicResetInThePastMeansNow() {
        clock.advance(Duration.ofMinutes(1));
        assertThat(RateLimitReset.parseAnthropic("2026-01-01T00:00:30Z", clock)).contains(Duration.ZERO);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"tomorrow", "2026-01-01 00:00:30", "2026-01-01T00:00:30", "30"})
    void malformedAnthropicValuesAreNoAdvice(String value) {
        assertThat(RateLimitReset.parseAnthropic(value, clock)).isEmpty();
    }
}
