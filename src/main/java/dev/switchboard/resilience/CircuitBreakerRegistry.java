package dev.switchboard.resilience;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * One {@link CircuitBreaker} per deployment id, created on first use. The registry outlives config
 * reloads so a reload does not forget that an upstream is down; {@link #retainOnly} drops the breakers of
 * deployments that are gone.
 *
 * <p>Deployment ids are shown on the admin status page: build them from provider, model and a key label
 * (e.g. {@link KeyPool.Lease#masked()}), never from the raw key.
 */
public final class CircuitBreakerRegistry {
    private final ConcurrentHashMap<String, CircuitBreaker> breakers = new ConcurrentHashMap<>();
    private final Function<String, CircuitBreakerConfig> configFor;
    private final Clock clock;
    private final CircuitBreaker.Listener listener;

    /**
     * @param configFor the config for a deployment id, asked once when its breaker is created (lets a
     *     provider or route override the defaults)
     */
    public CircuitBreakerRegistry(Function<String, CircuitBreakerConfig> configFor, Clock clock,
            CircuitBreaker.Listener listener) {
        this.configFor = Objects.requireNonNull(configFor, "configFor");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** Every breaker shares {@code config}. */
    public CircuitBreakerRegistry(CircuitBreakerConfig config, Clock clock, CircuitBreaker.Listener listener) {
        this(id -> config, clock, listener);
        Objects.requireNonNull(config, "config");
    }

    public CircuitBreakerRegistry(CircuitBreakerConfig config, Clock clock) {
        this(config, clock, CircuitBreaker.Listener.NONE);
    }

    /** The deployment's breaker, created closed on first use. */
    public CircuitBreaker breaker(String deploymentId) {
        CircuitBreaker b = breakers.get(deploymentId); // lock-free on the hot path once it exists
        return b != null ? b : breakers.computeIfAbsent(deploymentId,
                id -> new CircuitBreaker(id, Objects.requireNonNull(configFor.apply(id), "config for " + id),
                        clock, listener));
    }

    /**
     * Opens the deployment's breaker (created if need be) until {@code until}, because another instance
     * saw it fail: see {@link CircuitBreaker#adoptOpening}.
     */
    public boolean adoptOpening(String deploymentId, Instant until) {
        return breaker(deploymentId).adoptOpening(until);
    }

    /** Every breaker's state, sorted by id, for {@code GET /admin/v1/status}. */
    public List<CircuitBreaker.Snapshot> snapshots() {
        return breakers.values().stream()
                .map(CircuitBreaker::snapshot)
                .sorted(Comparator.comparing(CircuitBreaker.Snapshot::id))
                .toList();
    }

    /** Forgets breakers whose deployment is no longer configured (after a reload). */
    public void retainOnly(Collection<String> deploymentIds) {
        Set<String> keep = Set.copyOf(deploymentIds);
        breakers.keySet().retainAll(keep);
    }

    public int size() {
        return breakers.size();
    }
}
