package dev.switchboard.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class SlidingWindowTest {
    private static final long W = SlidingWindow.WINDOW_MILLIS;

    @Test
    void positionIsTheMinuteAndTheTimeIntoIt() {
        SlidingWindow.Position p = SlidingWindow.Position.at(Instant.parse("2026-01-01T00:01:30.250Z"));
        assertThat(p.elapsedMillis()).isEqualTo(30_250);
        assertThat(SlidingWindow.Position.at(Instant.parse("2026-01-01T00:02:00Z")).index()).isEqualTo(p.index() + 1);
    }

    @Test
    void thePreviousMinuteCountsByHowMuchOfItIsStillInTheWindow() {
        assertThat(SlidingWindow.estimate(100, 10, 0)).isEqualTo(110);
        assertThat(SlidingWindow.estimate(100, 10, 45_000)).isEqualTo(35);
        assertThat(SlidingWindow.remaining(100, 10, 45_000, 50)).isEqualTo(15);
        assertThat(SlidingWindow.allows(100, 10, 45_000, 50, 15)).isTrue();
        assertThat(SlidingWindow.allows(100, 10, 45_000, 50, 16)).isFalse();
    }

    /** Waiting as long as told, with nothing else arriving, is always enough. */
    @Property(tries = 1000)
    void retryAfterIsLongEnough(
            @ForAll @LongRange(max = 10_000) long previous, @ForAll @LongRange(max = 10_000) long current,
            @ForAll @LongRange(max = W - 1) long elapsed, @ForAll @LongRange(min = 1, max = 10_000) long limit,
            @ForAll @IntRange(min = 1, max = 500) int amount) {
        long wait = SlidingWindow.retryAfterMillis(previous, current, elapsed, limit, amount);
        if (amount > limit) {
            assertThat(wait).isEqualTo(-1);
            return;
        }
        Assume.that(wait < 2 * W - elapsed); // beyond the next minute both counts have slid out anyway
        long then = elapsed + wait;
        boolean allowed = then < W
                ? SlidingWindow.allows(previous, current, then, limit, amount)
                : SlidingWindow.allows(current, 0, then - W, limit, amount);
        assertThat(allowed).as("allowed after waiting %d ms", wait).isTrue();
    }
}
