package dev.switchboard.resilience;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Time to first byte per deployment, smoothed (EWMA), for least-latency balancing.
 *
 * <p>A deployment with no recent measurement ranks first ("try me"): a new deployment gets traffic and so
 * a measurement, and one that was slow once is not starved forever — its estimate goes stale after
 * {@code staleAfter} without samples and it gets another chance. A sample that arrives after the estimate
 * went stale starts it afresh instead of being averaged with old history.
 *
 * <p>Thread-safe and lock-free.
 */
public final class LatencyTracker {

    /**
     * @param alpha weight of each new sample, 0 &lt; alpha ≤ 1: higher follows changes faster, lower
     *     smooths out noise (0.3 ≈ the last ~5 samples dominate)
     * @param staleAfter an estimate with no sample for this long counts as unknown
     */
    public record Config(double alpha, Duration staleAfter) {
        private static final Config DEFAULTS = new Config(0.3, Duration.ofMinutes(5));

        public Config {
            Objects.requireNonNull(staleAfter, "staleAfter");
            if (!(alpha > 0 && alpha <= 1)) {
                throw new IllegalArgumentException("alpha must be in (0, 1], was " + alpha);
            }
            if (!staleAfter.isPositive()) {
                throw new IllegalArgumentException("staleAfter must be positive");
            }
        }

        public static Config defaults() {
            return DEFAULTS;
        }
    }

    private record Estimate(double nanos, long atMillis) {}

    private final ConcurrentHashMap<String, AtomicReference<Estimate>> estimates = new ConcurrentHashMap<>();
    private final Config config;
    private final Clock clock;

    public LatencyTracker(Config config, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public void record(String deployment, Duration timeToFirstByte) {
        long now = clock.millis();
        double sample = Math.max(0, timeToFirstByte.toNanos());
        AtomicReference<Estimate> ref = estimates.get(deployment);
        if (ref == null) {
            ref = estimates.computeIfAbsent(deployment, d -> new AtomicReference<>());
        }
        ref.updateAndGet(e -> e == null || stale(e, now)
                ? new Estimate(sample, now)
                : new Estimate(config.alpha() * sample + (1 - config.alpha()) * e.nanos, now));
    }

    /** The smoothed time to first byte; empty when unknown or stale. */
    public Optional<Duration> estimate(String deployment) {
        double nanos = nanosOrUnknown(deployment, clock.millis());
        return nanos < 0 ? Optional.empty() : Optional.of(Duration.ofNanos((long) nanos));
    }

    /**
     * The deployments fastest first, with unknown or stale ones ahead of all measured ones. Ties (and the
     * unknown ones among themselves) keep their given order, so the configured priority still decides.
     */
    public List<String> rank(Collection<String> deployments) {
        long now = clock.millis();
        record Scored(String id, double nanos) {}
        List<Scored> scored = new ArrayList<>(deployments.size());
        for (String d : deployments) {
            scored.add(new Scored(d, nanosOrUnknown(d, now)));
        }
        scored.sort(Comparator.comparingDouble(Scored::nanos)); // stable; unknown = -1 sorts first
        List<String> out = new ArrayList<>(scored.size());
        for (Scored s : scored) {
            out.add(s.id());
        }
        return out;
    }

    /** Forgets deployments that are no longer configured (after a reload). */
    public void retainOnly(Collection<String> deployments) {
        estimates.keySet().retainAll(Set.copyOf(deployments));
    }

    private double nanosOrUnknown(String deployment, long now) {
        AtomicReference<Estimate> ref = estimates.get(deployment);
        Estimate e = ref == null ? null : ref.get();
        return e == null || stale(e, now) ? -1 : e.nanos;
    }

    private boolean stale(Estimate e, long now) {
        return now - e.atMillis >= config.staleAfter().toMillis();
    }
}
