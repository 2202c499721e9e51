package dev.switchboard.resilience;

import java.time.Duration;
import java.util.Arrays;

/**
 * Counts events over "the last {@code window}" in fixed time buckets, so a breaker or a retry budget can
 * ask for a rate without keeping one entry per request. Memory is {@code buckets × series} longs, whatever
 * the traffic.
 *
 * <p>The window covers the current bucket and the {@code buckets - 1} before it, so an event ages out
 * between {@code window - window/buckets} and {@code window} after it happened: more buckets, finer edge.
 *
 * <p>Not thread-safe: each owner guards its window with its own lock.
 */
final class SlidingWindow {
    private final long bucketMillis;
    private final int buckets;
    /** Absolute bucket number (epoch millis / bucketMillis) that each slot currently holds. */
    private final long[] bucketIds;
    /** counts[series][slot]. */
    private final long[][] counts;

    SlidingWindow(Duration window, int buckets, int series) {
        if (buckets < 1) {
            throw new IllegalArgumentException("buckets must be at least 1, was " + buckets);
        }
        this.bucketMillis = window.toMillis() / buckets;
        if (bucketMillis < 1) {
            throw new IllegalArgumentException("window " + window + " is too short for " + buckets + " buckets");
        }
        this.buckets = buckets;
        this.bucketIds = new long[buckets];
        this.counts = new long[series][buckets];
        clear();
    }

    void add(long nowMillis, int series, long amount) {
        long id = Math.floorDiv(nowMillis, bucketMillis);
        int slot = (int) Math.floorMod(id, (long) buckets);
        if (bucketIds[slot] != id) {
            // The slot last held an older bucket (a full window ago or more): recycle it.
            bucketIds[slot] = id;
            for (long[] c : counts) {
                c[slot] = 0;
            }
        }
        counts[series][slot] += amount;
    }

    long sum(long nowMillis, int series) {
        long current = Math.floorDiv(nowMillis, bucketMillis);
        long oldest = current - buckets + 1;
        long total = 0;
        for (int slot = 0; slot < buckets; slot++) {
            long id = bucketIds[slot];
            // "<= current" ignores buckets from the future should the wall clock step back.
            if (id >= oldest && id <= current) {
                total += counts[series][slot];
            }
        }
        return total;
    }

    void clear() {
        Arrays.fill(bucketIds, Long.MIN_VALUE);
        for (long[] c : counts) {
            Arrays.fill(c, 0);
        }
    }
}
