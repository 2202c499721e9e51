package dev.switchboard.config;

/**
 * Bounds on hostile input and on load; every one has a default so that nothing is unbounded.
 *
 * @param maxConcurrent proxied calls in flight on this instance; beyond it callers get a fast 503
 */
public record LimitsConfig(long maxBodyBytes, int maxHeaderBytes, int maxJsonDepth, int maxSseLineBytes, int maxConcurrent) {
    public static final LimitsConfig DEFAULTS = new LimitsConfig(32L << 20, 64 << 10, 64, 4 << 20, 10_000);
}
