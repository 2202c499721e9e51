package dev.switchboard.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testkit.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ServerDelayTest {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));

    private Optional<Duration> from(Map<String, String> headers) {
        return ServerDelay.from(headers::get, clock);
    }

    @Test
    void nothingSaidMeansNoAdvice() {
        assertThat(from(Map.of())).isEmpty();
        assertThat(from(Map.of("content-type", "application/json"))).isEmpty();
    }

    @Test
    void retryAfterMsWinsOverRetryAfter() {
        assertThat(from(Map.of("retry-after-ms", "1500", "retry-after", "2"))).contains(Duration.ofMillis(1_500));
    }

    @Test
    void retryAfterWinsOverResetHeaders() {
        assertThat(from(Map.of("retry-after", "3",
                "x-ratelimit-remaining-requests", "0", "x-ratelimit-reset-requests", "20s")))
                .contains(Duration.ofSeconds(3));
    }

    @Test
    void anUnreadableRetryAfterFallsThroughToTheResetHeaders() {
        assertThat(from(Map.of("retry-after", "later",
                "x-ratelimit-remaining-tokens", "0", "x-ratelimit-reset-tokens", "6m0s")))
                .contains(Duration.ofMinutes(6));
    }

    @Test
    void openAiResetCountsOnlyForASpentLimit() {
        Map<String, String> h = Map.of(
                "x-ratelimit-remaining-requests", "59", "x-ratelimit-reset-requests", "1s",
                "x-ratelimit-remaining-tokens", "0", "x-ratelimit-reset-tokens", "20ms");
        assertThat(from(h)).contains(Duration.ofMillis(20));

        assertThat(from(Map.of("x-ratelimit-remaining-requests", "12", "x-ratelimit-reset-requests", "1s")))
                .isEmpty();
    }

    @Test
    void whenSeveralLimitsAreSpentTheLatestResetWins() {
        assertThat(from(Map.of(
                "anthropic-ratelimit-requests-remaining", "0",
                "anthropic-ratelimit-requests-reset", "2026-01-01T00:00:05Z",
                "anthropic-ratelimit-output-tokens-remaining", "0",
                "anthropic-ratelimit-output-tokens-reset", "2026-01-01T00:00:40Z",
                "anthropic-ratelimit-input-tokens-remaining", "5000",
                "anthropic-ratelimit-input-tokens-reset", "2026-01-01T00:01:00Z")))
                .contains(Duration.ofSeconds(40));
    }
}
