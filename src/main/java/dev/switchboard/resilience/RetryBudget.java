package dev.switchboard.resilience;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Caps a provider's retries at a share of its requests, so a brown-out does not turn into a retry storm
 * that keeps it down (after Finagle's RetryBudget and Envoy's retry budgets).
 *
 * <p>Over the sliding window, a retry is allowed while {@code retries < ratio × requests + reserve}, where
 * {@code reserve = minRetriesPerSecond × window seconds} lets a quiet provider still retry its occasional
 * failure. Both requests and retries age out of the window, so the budget refills as traffic continues.
 *
 * <p>Call {@link #recordRequest()} once per client request (not per attempt) and {@link #tryRetry()}
 * before every retry; a denied retry is not counted. Thread-safe (one short lock per provider).
 */
public final class RetryBudget {

    /**
     * @param ratio retries allowed per request (0.2 = one retry for every five requests)
     * @param window how far back requests and retries are counted
     * @param windowBuckets the window is kept in this many buckets
     * @param minRetriesPerSecond retries always allowed regardless of traffic, spread over the window
     */
    public record Config(double ratio, Duration window, int windowBuckets, double minRetriesPerSecond) {
        private static final Config DEFAULTS = new Config(0.2, Duration.ofSeconds(10), 10, 1.0);

        public Config {
            Objects.requireNonNull(window, "window");
            if (!(ratio >= 0) || !Double.isFinite(ratio)) {
                throw new IllegalArgumentException("ratio must be a finite number >= 0, was " + ratio);
            }
            if (!(minRetriesPerSecond >= 0) || !Double.isFinite(minRetriesPerSecond)) {
                throw new IllegalArgumentException("minRetriesPerSecond must be a finite number >= 0");
            }
            if (windowBuckets < 1 || window.toMillis() / windowBuckets < 1) {
                throw new IllegalArgumentException("window must give each of its buckets at least 1 ms");
            }
        }

        /** 20 % of requests over 10 s, plus 1 retry per second (10 per window) always. */
        public static Config defaults() {
            return DEFAULTS;
        }

        long reserve() {
            return (long) Math.floor(minRetriesPerSecond * window.toMillis() / 1000.0);
        }
    }

    /** @param remaining retries the budget would allow right now */
    public record Snapshot(long requests, long retries, long remaining) {}

    private static final int REQUESTS = 0;
    private static final int RETRIES = 1;

    private final Config config;
    private final Clock clock;
    private final long reserve;
    private final ReentrantLock lock = new ReentrantLock();
    private final SlidingWindow window; // guarded by lock

    public RetryBudget(Config config, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.reserve = config.reserve();
        this.window = new SlidingWindow(config.window(), config.windowBuckets(), 2);
    }

    public Config config() {
        return config;
    }

    public void recordRequest() {
        lock.lock();
        try {
            window.add(clock.millis(), REQUESTS, 1);
        } finally {
            lock.unlock();
        }
    }

    /** Takes one retry from the budget, or returns false when it is spent (the caller gives up). */
    public boolean tryRetry() {
        lock.lock();
        try {
            long now = clock.millis();
            if (remaining(now) <= 0) {
                return false;
            }
            window.add(now, RETRIES, 1);
            return true;
        } finally {
            lock.unlock();
        }
    }

    public Snapshot snapshot() {
        lock.lock();
        try {
            long now = clock.millis();
            return new Snapshot(window.sum(now, REQUESTS), window.sum(now, RETRIES), Math.max(0, remaining(now)));
        } finally {
            lock.unlock();
        }
    }

    private long remaining(long now) {
        long allowed = (long) Math.floor(config.ratio() * window.sum(now, REQUESTS)) + reserve;
        return allowed - window.sum(now, RETRIES);
    }
}
