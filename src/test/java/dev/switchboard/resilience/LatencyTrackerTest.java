package dev.switchboard.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.testkit.ManualClock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LatencyTrackerTest {
    private final ManualClock clock = new ManualClock();
    private final LatencyTracker tracker = new LatencyTracker(new LatencyTracker.Config(0.5, Duration.ofMinutes(5)), clock);

    @Test
    void theEstimateIsAnExponentiallyWeightedAverage() {
        tracker.record("a", Duration.ofMillis(100));
        assertThat(tracker.estimate("a")).contains(Duration.ofMillis(100));

        tracker.record("a", Duration.ofMillis(200)); // 0.5 × 200 + 0.5 × 100
        assertThat(tracker.estimate("a")).contains(Duration.ofMillis(150));

        tracker.record("a", Duration.ofMillis(50)); // 0.5 × 50 + 0.5 × 150
        assertThat(tracker.estimate("a")).contains(Duration.ofMillis(100));
    }

    @Test
    void ranksFastestFirstAndUnknownAheadOfAll() {
        tracker.record("slow", Duration.ofMillis(900));
        tracker.record("fast", Duration.ofMillis(120));
        tracker.record("medium", Duration.ofMillis(400));

        assertThat(tracker.rank(List.of("slow", "medium", "new", "fast")))
                .containsExactly("new", "fast", "medium", "slow");
        assertThat(tracker.estimate("new")).isEmpty();
    }

    @Test
    void unknownOnesAndTiesKeepTheConfiguredOrder() {
        tracker.record("x", Duration.ofMillis(100));
        tracker.record("y", Duration.ofMillis(100));
        assertThat(tracker.rank(List.of("y", "n2", "x", "n1"))).containsExactly("n2", "n1", "y", "x");
    }

    @Test
    void aStaleEstimateCountsAsUnknownSoASlowDeploymentGetsAnotherChance() {
        tracker.record("was-slow", Duration.ofSeconds(30));
        tracker.record("fast", Duration.ofMillis(100));
        clock.advance(Duration.ofMinutes(4));
        tracker.record("fast", Duration.ofMillis(100));
        assertThat(tracker.rank(List.of("fast", "was-slow"))).containsExactly("fast", "was-slow");

        clock.advance(Duration.ofMinutes(1)); // was-slow has had no sample for 5 min

        assertThat(tracker.estimate("was-slow")).isEmpty();
        assertThat(tracker.rank(List.of("fast", "was-slow"))).containsExactly("was-slow", "fast");

        tracker.record("was-slow", Duration.ofMillis(80)); // starts afresh, not averaged with 30 s
        assertThat(tracker.estimate("was-slow")).contains(Duration.ofMillis(80));
    }

    @Test
    void retainOnlyForgetsRemovedDeployments() {
        tracker.record("a", Duration.ofMillis(10));
        tracker.record("b", Duration.ofMillis(10));
        tracker.retainOnly(Set.of("a"));
        assertThat(tracker.estimate("a")).isPresent();
        assertThat(tracker.estimate("b")).isEmpty();
    }

    @Test
    void configRejectsNonsense() {
        assertThatThrownBy(() -> new LatencyTracker.Config(0, Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LatencyTracker.Config(1.5, Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LatencyTracker.Config(0.3, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
