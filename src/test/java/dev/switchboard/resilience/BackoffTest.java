package dev.switchboard.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private final Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2));

    @Test
    void ceilingDoublesPerRetryUpToTheCap() {
        assertThat(backoff.ceiling(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(backoff.ceiling(2)).isEqualTo(Duration.ofMillis(200));
        assertThat(backoff.ceiling(3)).isEqualTo(Duration.ofMillis(400));
        assertThat(backoff.ceiling(5)).isEqualTo(Duration.ofMillis(1_600));
        assertThat(backoff.ceiling(6)).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.ceiling(64)).isEqualTo(Duration.ofSeconds(2)); // no overflow
        assertThat(backoff.ceiling(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void fullJitterStaysWithinZeroAndTheCeilingAndCoversIt() {
        RandomGenerator seeded = new SplittableRandom(42);
        for (int retry = 1; retry <= 8; retry++) {
            long ceiling = backoff.ceiling(retry).toMillis();
            long min = Long.MAX_VALUE;
            long max = Long.MIN_VALUE;
            double sum = 0;
            int n = 2_000;
            for (int i = 0; i < n; i++) {
                long d = backoff.delay(retry, seeded).toMillis();
                assertThat(d).isBetween(0L, ceiling);
                min = Math.min(min, d);
                max = Math.max(max, d);
                sum += d;
            }
            // spread over the whole interval, not bunched at the ceiling
            assertThat(min).isLessThan(ceiling / 10 + 1);
            assertThat(max).isGreaterThan(ceiling * 9 / 10);
            assertThat(sum / n).isBetween(ceiling * 0.4, ceiling * 0.6);
        }
    }

    @Test
    void theSameSeedGivesTheSameDelays() {
        Duration a = backoff.delay(3, new SplittableRandom(7));
        Duration b = backoff.delay(3, new SplittableRandom(7));
        assertThat(a).isEqualTo(b);
    }

    @Test
    void sharedRandomIsUsableFromAnyThread() {
        assertThat(backoff.delay(2, Backoff.sharedRandom())).isBetween(Duration.ZERO, Duration.ofMillis(200));
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> backoff.ceiling(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
