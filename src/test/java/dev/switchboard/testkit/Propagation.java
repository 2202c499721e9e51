package dev.switchboard.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.Callable;
import org.awaitility.Awaitility;

/**
 * For tests of how fast a committed change (a revoked key, a notification, a key's rest) shows where it
 * should: on another instance, on every listener. The observable effect is polled with a deadline well past
 * the guarantee, and the delay since the commit is what is asserted, so a late arrival fails saying how late
 * it was and an effect that never comes fails at the deadline; neither is a sleep that hopes.
 *
 * <p>Callers warm the path first ({@link #await}: the same kind of change, seen once, unmeasured), so that the
 * measured delay is the propagation's and not the JIT's or the class loader's on a loaded 2-core machine.
 */
public final class Propagation {
    /** The product's promise: a change reaches every instance within a second. */
    public static final Duration GUARANTEE = Duration.ofSeconds(1);
    /** How long an effect may take before the test says it never came: far past any guarantee. */
    private static final Duration PATIENCE = Duration.ofSeconds(10);
    /** Fine enough that the measured delay is the effect's, not the polling's. */
    private static final Duration POLL = Duration.ofMillis(10);

    private Propagation() {}

    /** Waits, unmeasured and within {@link #PATIENCE}, until {@code what} is {@code seen}: a warm-up, or a precondition. */
    public static void await(String what, Callable<Boolean> seen) {
        Awaitility.await(what).atMost(PATIENCE).pollDelay(Duration.ZERO).pollInterval(POLL).until(seen);
    }

    /**
     * Polls until {@code what} is {@code seen}, then asserts that it came less than {@link #GUARANTEE} after
     * {@code committedNanos}.
     *
     * @param committedNanos {@link System#nanoTime()} when the change was committed (before any of its propagation)
     * @return the measured delay
     */
    public static Duration assertSeenInTime(String what, long committedNanos, Callable<Boolean> seen) {
        await(what + " (not seen " + PATIENCE.toSeconds() + " s after the change was committed)", seen);
        Duration delay = Duration.ofNanos(System.nanoTime() - committedNanos);
        assertThat(delay).as("%s: seen %d ms after the change was committed; the guarantee is under %d ms",
                what, delay.toMillis(), GUARANTEE.toMillis()).isLessThan(GUARANTEE);
        return delay;
    }
}
