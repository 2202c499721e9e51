package dev.switchboard.config;

/** Bounds on hostile input; every one has a default so that no input is unbounded. */
public record LimitsConfig(long maxBodyBytes, int maxHeaderBytes, int maxJsonDepth, int maxSseLineBytes) {
    public static final LimitsConfig DEFAULTS = new LimitsConfig(32L << 20, 64 << 10, 64, 4 << 20);
}
