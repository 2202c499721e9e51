package dev.switchboard.resilience;

import java.time.Duration;
import java.util.Objects;

/**
 * How eagerly a {@link CircuitBreaker} opens and how carefully it closes again.
 *
 * @param consecutiveFailures open after this many retryable failures in a row (catches a hard-down upstream fast)
 * @param failureRateThreshold open when failures / requests over {@code window} reaches this share (0 &lt; x ≤ 1)
 *     — catches a brown-out where some calls still succeed, so the consecutive count keeps resetting
 * @param window how far back the failure rate looks
 * @param windowBuckets the window is kept in this many buckets; failures age out one bucket at a time
 * @param minimumRequests the rate is only judged once the window holds this many outcomes, so two failures
 *     out of three calls at 3 a.m. do not open anything
 * @param openBase how long the first opening lasts
 * @param openMultiplier each further opening in a row lasts this many times longer (≥ 1)
 * @param openCap no opening lasts longer than this
 * @param halfOpenProbes how many trial calls may be in flight at once while half-open
 * @param successThreshold probe successes needed to close again
 */
public record CircuitBreakerConfig(
        int consecutiveFailures,
        double failureRateThreshold,
        Duration window,
        int windowBuckets,
        int minimumRequests,
        Duration openBase,
        double openMultiplier,
        Duration openCap,
        int halfOpenProbes,
        int successThreshold) {

    private static final CircuitBreakerConfig DEFAULTS = new CircuitBreakerConfig(
            5, 0.5, Duration.ofSeconds(60), 12, 20,
            Duration.ofSeconds(5), 2.0, Duration.ofMinutes(5), 1, 1);

    public CircuitBreakerConfig {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(openBase, "openBase");
        Objects.requireNonNull(openCap, "openCap");
        require(consecutiveFailures >= 1, "consecutiveFailures must be at least 1");
        require(failureRateThreshold > 0 && failureRateThreshold <= 1, "failureRateThreshold must be in (0, 1]");
        require(windowBuckets >= 1, "windowBuckets must be at least 1");
        require(window.toMillis() / windowBuckets >= 1, "window must give each bucket at least 1 ms");
        require(minimumRequests >= 1, "minimumRequests must be at least 1");
        require(openBase.toMillis() >= 1, "openBase must be at least 1 ms");
        require(openMultiplier >= 1 && Double.isFinite(openMultiplier), "openMultiplier must be finite and at least 1");
        require(openCap.compareTo(openBase) >= 0, "openCap must not be shorter than openBase");
        require(halfOpenProbes >= 1, "halfOpenProbes must be at least 1");
        require(successThreshold >= 1, "successThreshold must be at least 1");
    }

    /** 5 in a row or ≥ 50 % of ≥ 20 calls in 60 s; open 5 s, doubling up to 5 min; 1 probe, 1 success closes. */
    public static CircuitBreakerConfig defaults() {
        return DEFAULTS;
    }

    /**
     * How long the {@code n}-th opening in a row lasts: {@code openBase × openMultiplier^(n-1)}, at most
     * {@code openCap}. Growing the pause keeps a dead upstream from being probed every few seconds for hours.
     */
    public Duration openDuration(int n) {
        double millis = openBase.toMillis() * Math.pow(openMultiplier, Math.max(0, n - 1));
        long cap = openCap.toMillis();
        return Duration.ofMillis(millis >= cap ? cap : (long) millis);
    }

    public CircuitBreakerConfig withConsecutiveFailures(int v) {
        return new CircuitBreakerConfig(v, failureRateThreshold, window, windowBuckets, minimumRequests,
                openBase, openMultiplier, openCap, halfOpenProbes, successThreshold);
    }

    public CircuitBreakerConfig withFailureRate(double threshold, int minRequests) {
        return new CircuitBreakerConfig(consecutiveFailures, threshold, window, windowBuckets, minRequests,
                openBase, openMultiplier, openCap, halfOpenProbes, successThreshold);
    }

    public CircuitBreakerConfig withWindow(Duration w, int buckets) {
        return new CircuitBreakerConfig(consecutiveFailures, failureRateThreshold, w, buckets, minimumRequests,
                openBase, openMultiplier, openCap, halfOpenProbes, successThreshold);
    }

    public CircuitBreakerConfig withOpenDuration(Duration base, double multiplier, Duration cap) {
        return new CircuitBreakerConfig(consecutiveFailures, failureRateThreshold, window, windowBuckets,
                minimumRequests, base, multiplier, cap, halfOpenProbes, successThreshold);
    }

    public CircuitBreakerConfig withHalfOpen(int probes, int successes) {
        return new CircuitBreakerConfig(consecutiveFailures, failureRateThreshold, window, windowBuckets,
                minimumRequests, openBase, openMultiplier, openCap, probes, successes);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
