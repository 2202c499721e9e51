package dev.switchboard.tenancy;

import java.time.Instant;

/**
 * The per-minute limits are sliding-window counters: counts are kept per fixed minute, and the count "in
 * the last 60 s" is estimated as the previous minute's count weighted by how much of it is still inside
 * the window, plus the current minute's. Unlike a fixed window this does not let 2× the limit through
 * across a minute boundary; unlike a log of timestamps it costs two integers per limit, which is what
 * makes one Redis round trip per request possible. The estimate assumes the previous minute's requests
 * were spread evenly; it errs by at most the unevenness of that one minute.
 *
 * <p>The Redis script repeats {@link #estimate} operation for operation, so both backends decide alike.
 */
public final class SlidingWindow {
    public static final long WINDOW_MILLIS = 60_000;

    private SlidingWindow() {}

    /** Which minute an instant falls in, and how far into it. */
    public record Position(long index, long elapsedMillis) {
        public static Position at(Instant t) {
            long ms = t.toEpochMilli();
            return new Position(Math.floorDiv(ms, WINDOW_MILLIS), Math.floorMod(ms, WINDOW_MILLIS));
        }
    }

    public static double estimate(long previous, long current, long elapsedMillis) {
        return previous * (double) (WINDOW_MILLIS - elapsedMillis) / WINDOW_MILLIS + current;
    }

    public static boolean allows(long previous, long current, long elapsedMillis, long limit, long amount) {
        return estimate(previous, current, elapsedMillis) + amount <= limit;
    }

    /** What is left of the limit now, rounded down. */
    public static long remaining(long previous, long current, long elapsedMillis, long limit) {
        return Math.max(0, (long) Math.floor(limit - estimate(previous, current, elapsedMillis)));
    }

    /**
     * How long until {@code amount} more would fit if nothing else arrived, or -1 when it never will
     * (a single request larger than the whole limit).
     */
    public static long retryAfterMillis(long previous, long current, long elapsedMillis, long limit, long amount) {
        if (amount > limit) {
            return -1;
        }
        if (allows(previous, current, elapsedMillis, limit, amount)) {
            return 0;
        }
        if (current + amount <= limit) {
            // Fits in this minute once enough of the previous one has slid out of the window.
            double at = WINDOW_MILLIS * (1 - (double) (limit - current - amount) / previous);
            return Math.max(1, (long) Math.ceil(at - elapsedMillis));
        }
        // Next minute: this minute's count becomes the sliding previous one.
        long untilNext = WINDOW_MILLIS - elapsedMillis;
        double at = current == 0 ? 0 : WINDOW_MILLIS * (1 - (double) (limit - amount) / current);
        return untilNext + Math.max(0, (long) Math.ceil(at));
    }
}
