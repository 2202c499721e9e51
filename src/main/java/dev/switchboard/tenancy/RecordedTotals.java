package dev.switchboard.tenancy;

import dev.switchboard.store.UsageFilter;
import dev.switchboard.store.UsageRepository;
import dev.switchboard.store.UsageTotals;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What the store has recorded for one scope since an instant (requests, cost), summed in full once and
 * after that only for what came in since. The tenant refresh asks for every capped or budgeted scope
 * every 30 s; summing a monthly budget's whole month each time cost in proportion to the usage table
 * (about a third of a second of a cpu per refresh once the benchmark had written a million records).
 *
 * <p>Records reach the store a little after their timestamp (the writer flushes every half second, the
 * spool after an outage), so a stretch of time joins the running sum only once it is {@link #SETTLE} old,
 * and what is younger is summed afresh each time: at most a minute of records per scope and refresh. A
 * record that lands later than that (a spool replayed after a long outage) is missed until the next full
 * sum, at most {@link #FULL_EVERY} later. These figures are floors under the
 * limit counters, which count every admission themselves; they matter after a restart or when a Redis
 * counter has expired, and a floor missing such a record is low by its cost for that long.
 *
 * <p>Not thread-safe: the refresher's one thread uses it.
 */
final class RecordedTotals {
    static final Duration SETTLE = Duration.ofSeconds(30);
    static final Duration FULL_EVERY = Duration.ofMinutes(15);

    /** What one running sum covers: {@code filter} (no time bounds of its own) from {@code from} on. */
    private record Span(UsageFilter filter, Instant from) {}

    /** The sums over [from, settledUntil), and when they are next summed in full. */
    private record Settled(Instant settledUntil, long requests, long costNanos, Instant fullAt) {}

    /** Requests and cost (nanodollars). */
    record Recorded(long requests, long costNanos) {}

    private final UsageRepository usage;
    private final Map<Span, Settled> settled = new HashMap<>();
    private final Set<Span> askedThisRound = new HashSet<>();

    RecordedTotals(UsageRepository usage) {
        this.usage = usage;
    }

    /**
     * What {@code filter} matches from {@code from} (inclusive) up to {@code until} (exclusive; null for no
     * end), at {@code now}.
     */
    Recorded between(UsageFilter filter, Instant from, Instant until, Instant now) {
        Span span = new Span(filter, from);
        askedThisRound.add(span);
        Instant settle = now.minus(SETTLE);
        if (until != null && settle.isAfter(until)) {
            settle = until;
        }
        Settled s = settled.get(span);
        if (s == null || !now.isBefore(s.fullAt()) || settle.isBefore(s.settledUntil())) {
            s = settle.isAfter(from) ? sum(filter, from, settle, 0, 0, now.plus(FULL_EVERY))
                    : new Settled(from, 0, 0, now.plus(FULL_EVERY));
        } else if (settle.isAfter(s.settledUntil())) {
            s = sum(filter, s.settledUntil(), settle, s.requests(), s.costNanos(), s.fullAt());
        }
        settled.put(span, s);
        UsageTotals recent = usage.totals(filter.between(s.settledUntil(), until));
        return new Recorded(s.requests() + recent.requests(), s.costNanos() + recent.costNanos());
    }

    /** Forgets the sums not asked for since the last call: deleted keys, budget periods that have ended. */
    void endRound() {
        settled.keySet().retainAll(askedThisRound);
        askedThisRound.clear();
    }

    private Settled sum(UsageFilter filter, Instant from, Instant to, long requests, long costNanos, Instant fullAt) {
        UsageTotals t = usage.totals(filter.between(from, to));
        return new Settled(to, requests + t.requests(), costNanos + t.costNanos(), fullAt);
    }
}
