package dev.switchboard.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.testkit.ManualClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryBudgetTest {
    private final ManualClock clock = new ManualClock();
    /** 20 % of requests + 1/s (10 per 10 s window). */
    private final RetryBudget budget = new RetryBudget(RetryBudget.Config.defaults(), clock);

    private int retriesGranted(int tries) {
        int granted = 0;
        for (int i = 0; i < tries; i++) {
            if (budget.tryRetry()) {
                granted++;
            }
        }
        return granted;
    }

    private void requests(int n) {
        for (int i = 0; i < n; i++) {
            budget.recordRequest();
        }
    }

    @Test
    void aQuietProviderStillGetsTheMinimumRetries() {
        assertThat(retriesGranted(100)).isEqualTo(10);
        assertThat(budget.tryRetry()).isFalse();
    }

    @Test
    void aBrownOutCannotBecomeARetryStorm() {
        // 1000 requests all failing; every one would like to retry twice
        requests(1_000);
        int granted = retriesGranted(2_000);

        assertThat(granted).isEqualTo(200 + 10); // 20 % of the requests + the reserve
        RetryBudget.Snapshot s = budget.snapshot();
        assertThat(s.requests()).isEqualTo(1_000);
        assertThat(s.retries()).isEqualTo(210);
        assertThat(s.remaining()).isZero();
    }

    @Test
    void theBudgetRecoversAsTheWindowSlides() {
        requests(100);
        assertThat(retriesGranted(100)).isEqualTo(30);

        clock.advance(Duration.ofSeconds(5));
        assertThat(budget.tryRetry()).isFalse(); // nothing has aged out yet
        requests(50);
        assertThat(retriesGranted(100)).isEqualTo(10); // 0.2 × 150 + 10 − 30

        clock.advance(Duration.ofSeconds(5)); // the first 100 requests and 30 retries age out
        RetryBudget.Snapshot s = budget.snapshot();
        assertThat(s.requests()).isEqualTo(50);
        assertThat(s.retries()).isEqualTo(10);
        assertThat(retriesGranted(100)).isEqualTo(10); // 0.2 × 50 + 10 − 10

        clock.advance(Duration.ofSeconds(10)); // all gone: back to the reserve
        assertThat(retriesGranted(100)).isEqualTo(10);
    }

    @Test
    void deniedRetriesDoNotSpendTheBudget() {
        assertThat(retriesGranted(50)).isEqualTo(10);
        requests(5); // 0.2 × 5 = 1 more
        assertThat(budget.tryRetry()).isTrue();
        assertThat(budget.tryRetry()).isFalse();
        assertThat(budget.snapshot().retries()).isEqualTo(11);
    }

    @Test
    void aZeroReserveAllowsOnlyTheShare() {
        RetryBudget strict = new RetryBudget(new RetryBudget.Config(0.5, Duration.ofSeconds(10), 10, 0), clock);
        assertThat(strict.tryRetry()).isFalse();
        strict.recordRequest();
        strict.recordRequest();
        assertThat(strict.tryRetry()).isTrue();
        assertThat(strict.tryRetry()).isFalse();
    }

    @Test
    void configRejectsNonsense() {
        assertThatThrownBy(() -> new RetryBudget.Config(-0.1, Duration.ofSeconds(10), 10, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryBudget.Config(Double.NaN, Duration.ofSeconds(10), 10, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryBudget.Config(0.2, Duration.ofMillis(5), 10, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
