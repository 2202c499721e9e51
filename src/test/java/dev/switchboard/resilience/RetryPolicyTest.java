package dev.switchboard.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    private final RetryPolicy policy = new RetryPolicy(3,
            new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1)), Duration.ofSeconds(10));
    private final SplittableRandom random = new SplittableRandom(1);

    @Test
    void givesUpWhenTheAttemptsAreUsed() {
        assertThat(policy.afterFailure(1, Optional.empty(), random)).isInstanceOf(RetryDecision.Retry.class);
        assertThat(policy.afterFailure(2, Optional.empty(), random)).isInstanceOf(RetryDecision.Retry.class);
        assertThat(policy.afterFailure(3, Optional.empty(), random)).isInstanceOf(RetryDecision.GiveUp.class);
        assertThat(policy.afterFailure(3, Optional.of(Duration.ofSeconds(1)), random))
                .isInstanceOf(RetryDecision.GiveUp.class);
    }

    @Test
    void withoutServerAdviceItBacksOff() {
        for (int i = 0; i < 200; i++) {
            RetryDecision d = policy.afterFailure(2, Optional.empty(), random);
            assertThat(d).isInstanceOfSatisfying(RetryDecision.Retry.class, r -> {
                assertThat(r.serverDirected()).isFalse();
                assertThat(r.delay()).isBetween(Duration.ZERO, Duration.ofMillis(200));
            });
        }
    }

    @Test
    void aServerDelayUpToTheCapIsHonouredExactly() {
        assertThat(policy.afterFailure(1, Optional.of(Duration.ofSeconds(7)), random))
                .isEqualTo(new RetryDecision.Retry(Duration.ofSeconds(7), true));
        assertThat(policy.afterFailure(1, Optional.of(Duration.ofSeconds(10)), random))
                .isEqualTo(new RetryDecision.Retry(Duration.ofSeconds(10), true));
    }

    @Test
    void aServerDelayAboveTheCapMeansMoveOnWithoutWaiting() {
        assertThat(policy.afterFailure(1, Optional.of(Duration.ofSeconds(11)), random))
                .isEqualTo(new RetryDecision.MoveOn(Duration.ofSeconds(11)));
    }

    @Test
    void oneAttemptMeansNeverRetry() {
        RetryPolicy once = new RetryPolicy(1, RetryPolicy.defaults().backoff(), Duration.ofSeconds(1));
        assertThat(once.afterFailure(1, Optional.empty(), random)).isInstanceOf(RetryDecision.GiveUp.class);
    }

    @Test
    void defaultsAreSane() {
        RetryPolicy d = RetryPolicy.defaults();
        assertThat(d.maxAttempts()).isEqualTo(3);
        assertThat(d.maxServerDelay()).isEqualTo(Duration.ofSeconds(10));
        assertThat(d.backoff().ceiling(1)).isEqualTo(Duration.ofMillis(200));
    }
}
