package dev.switchboard.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SlidingWindowTest {
    private static final long T0 = 1_767_225_600_000L; // 2026-01-01T00:00:00Z, a bucket boundary

    @Test
    void sumsWhatIsInsideTheWindowPerSeries() {
        SlidingWindow w = new SlidingWindow(Duration.ofSeconds(10), 10, 2);
        w.add(T0, 0, 3);
        w.add(T0 + 4_500, 0, 2);
        w.add(T0 + 4_500, 1, 7);

        assertThat(w.sum(T0 + 5_000, 0)).isEqualTo(5);
        assertThat(w.sum(T0 + 5_000, 1)).isEqualTo(7);
    }

    @Test
    void eventsAgeOutAWindowLaterAndSlotsAreRecycled() {
        SlidingWindow w = new SlidingWindow(Duration.ofSeconds(10), 10, 1);
        w.add(T0, 0, 3);
        w.add(T0 + 4_000, 0, 2);

        assertThat(w.sum(T0 + 9_999, 0)).isEqualTo(5);
        assertThat(w.sum(T0 + 10_000, 0)).isEqualTo(2); // bucket of T0 is out
        assertThat(w.sum(T0 + 14_000, 0)).isZero();

        w.add(T0 + 20_000, 0, 1); // reuses T0's slot: old count must not leak back
        assertThat(w.sum(T0 + 20_000, 0)).isEqualTo(1);
    }

    @Test
    void aClockThatStepsBackDoesNotCountTheFuture() {
        SlidingWindow w = new SlidingWindow(Duration.ofSeconds(10), 10, 1);
        w.add(T0 + 5_000, 0, 4);
        assertThat(w.sum(T0, 0)).isZero();
        w.clear();
        assertThat(w.sum(T0 + 5_000, 0)).isZero();
    }
}
