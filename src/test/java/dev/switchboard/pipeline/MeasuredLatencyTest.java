package dev.switchboard.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.resilience.LatencyTracker;
import dev.switchboard.routing.Candidate;
import dev.switchboard.testkit.ManualClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class MeasuredLatencyTest {
    private final ManualClock clock = new ManualClock();
    private final LatencyTracker tracker = new LatencyTracker(LatencyTracker.Config.defaults(), clock);
    private final MeasuredLatency ranking = new MeasuredLatency(tracker);

    private static final Candidate SLOW = new Candidate("slow", "m");
    private static final Candidate FAST = new Candidate("fast", "m");
    private static final Candidate NEW = new Candidate("new", "m");

    @Test
    void fastestFirstAndUnmeasuredAheadOfAll() {
        tracker.record("slow/m", Duration.ofMillis(800));
        tracker.record("fast/m", Duration.ofMillis(90));
        assertThat(ranking.rank(List.of(SLOW, FAST, NEW))).containsExactly(NEW, FAST, SLOW);
    }

    @Test
    void theSameDeploymentListedTwiceKeepsBothPlaces() {
        tracker.record("slow/m", Duration.ofMillis(800));
        tracker.record("fast/m", Duration.ofMillis(90));
        assertThat(ranking.rank(List.of(SLOW, FAST, SLOW))).containsExactly(FAST, SLOW, SLOW);
    }

    @Test
    void aSlowDeploymentComesBackToTheFrontOnceItsEstimateIsStale() {
        tracker.record("slow/m", Duration.ofMillis(800));
        tracker.record("fast/m", Duration.ofMillis(90));
        clock.advance(Duration.ofMinutes(4));
        tracker.record("fast/m", Duration.ofMillis(90));
        clock.advance(Duration.ofMinutes(1));
        assertThat(ranking.rank(List.of(FAST, SLOW))).containsExactly(SLOW, FAST);
    }
}
