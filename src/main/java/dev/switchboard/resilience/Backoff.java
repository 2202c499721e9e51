package dev.switchboard.resilience;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with full jitter: the n-th retry waits a uniformly random time in
 * {@code [0, min(cap, base × 2^(n-1))]}. Full jitter (rather than "ceiling ± a bit") spreads the clients
 * that failed together over the whole interval, so they do not come back together.
 */
public record Backoff(Duration base, Duration cap) {
    private static final RandomGenerator THREAD_LOCAL = () -> ThreadLocalRandom.current().nextLong();

    public Backoff {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(cap, "cap");
        if (base.isNegative() || cap.compareTo(base) < 0) {
            throw new IllegalArgumentException("need 0 <= base <= cap, got base " + base + ", cap " + cap);
        }
    }

    /**
     * A random source that is safe to share between threads (each thread draws from its own
     * {@link ThreadLocalRandom}); tests pass a seeded generator instead.
     */
    public static RandomGenerator sharedRandom() {
        return THREAD_LOCAL;
    }

    /** The longest the {@code retry}-th retry (1-based) may wait. */
    public Duration ceiling(int retry) {
        if (retry < 1) {
            throw new IllegalArgumentException("retry is 1-based, was " + retry);
        }
        long baseMs = base.toMillis();
        long capMs = cap.toMillis();
        int shift = retry - 1;
        // base << shift without overflow: stop doubling once it passes the cap.
        long ceiling = shift >= 62 || baseMs > (capMs >> Math.min(shift, 62)) ? capMs : baseMs << shift;
        return Duration.ofMillis(Math.min(ceiling, capMs));
    }

    /** How long to wait before the {@code retry}-th retry (1-based). */
    public Duration delay(int retry, RandomGenerator random) {
        long ceiling = ceiling(retry).toMillis();
        return Duration.ofMillis(random.nextLong(ceiling + 1));
    }
}
