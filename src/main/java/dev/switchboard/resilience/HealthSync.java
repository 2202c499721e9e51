package dev.switchboard.resilience;

import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Keeps this instance's key pools and circuit breakers in step with the other instances' over a
 * {@link SharedHealth} channel: what this instance sees fail is published, what the others saw is applied
 * here.
 *
 * <p>No feedback loops: only this instance's <em>own</em> verdicts are published — a pool tells its
 * {@link KeyPool.Listener} only about its own calls, and a breaker opening adopted from a peer is marked
 * {@link CircuitBreaker.Transition#shared()} and not published again. Applying an event changes local state
 * through {@link KeyPool#applyShared} and {@link CircuitBreaker#adoptOpening}, which publish nothing.
 *
 * <p>One per gateway process, outliving config snapshots: each snapshot's pools and breakers are
 * {@link #bind bound} in turn, and the peers' events still in force are applied to them again, so a reload
 * (or an event that arrived before the first snapshot was bound) loses nothing. Thread-safe.
 */
public final class HealthSync implements AutoCloseable {
    /** Peers' events kept for replay; beyond this, events are still applied but not kept. */
    static final int MAX_REMEMBERED = 10_000;

    /** What events apply to: one config snapshot's key pools (by provider) and breakers. */
    private record Target(Function<String, KeyPool> pools, CircuitBreakerRegistry breakers) {}

    private final SharedHealth channel;
    private final Clock clock;
    private final Map<String, HealthEvent> remembered = new ConcurrentHashMap<>();
    private volatile Target target;

    public HealthSync(SharedHealth channel, Clock clock) {
        this.channel = Objects.requireNonNull(channel, "channel");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A sync that shares nothing, for a gateway without Redis and for tests. */
    public static HealthSync local(Clock clock) {
        return new HealthSync(SharedHealth.NONE, clock);
    }

    /** For the key pool of {@code provider}: publishes the keys it sets aside itself. */
    public KeyPool.Listener keyListener(String provider) {
        Objects.requireNonNull(provider, "provider");
        return (keyId, state, until, reason) ->
                channel.publish(new HealthEvent.KeySetAside(provider, keyId, state, until, reason));
    }

    /** For the breaker registry: publishes this instance's own openings (never adopted ones). */
    public CircuitBreaker.Listener breakerListener() {
        return t -> {
            if (t.to() == CircuitBreaker.State.OPEN && !t.shared() && t.openFor() != null) {
                channel.publish(new HealthEvent.BreakerOpened(t.breakerId(), t.at().plus(t.openFor())));
            }
        };
    }

    /**
     * Makes {@code pools} and {@code breakers} the ones events apply to (the config snapshot now serving),
     * and applies to them the peers' events still in force.
     *
     * @param pools the key pool of a provider, null for a provider not configured (its events are ignored)
     */
    public void bind(Function<String, KeyPool> pools, CircuitBreakerRegistry breakers) {
        Target t = new Target(Objects.requireNonNull(pools, "pools"), Objects.requireNonNull(breakers, "breakers"));
        target = t;
        long now = clock.millis();
        remembered.values().removeIf(e -> e.until().toEpochMilli() <= now);
        remembered.values().forEach(e -> applyTo(t, e));
    }

    /** Starts receiving the peers' events (those in force first). Call once, after the first {@link #bind}. */
    public void start() {
        channel.start(this::apply);
    }

    /**
     * Applies one event from another instance: sets the key aside or opens the breaker here, telling no one.
     * Events past their time, for providers this snapshot does not have, or for unknown keys are ignored.
     */
    public void apply(HealthEvent event) {
        if (event == null || event.until().toEpochMilli() <= clock.millis()) {
            return;
        }
        remember(event);
        Target t = target;
        if (t != null) {
            applyTo(t, event);
        }
    }

    @Override
    public void close() {
        channel.close();
    }

    private static void applyTo(Target t, HealthEvent event) {
        switch (event) {
            case HealthEvent.KeySetAside k -> {
                KeyPool pool = t.pools().apply(k.provider());
                if (pool != null) {
                    pool.applyShared(k.keyId(), k.state(), k.until(), k.reason());
                }
            }
            case HealthEvent.BreakerOpened b -> {
                // only deployments of a configured provider: a stray id must not grow the registry
                int slash = b.deploymentId().indexOf('/');
                if (slash > 0 && t.pools().apply(b.deploymentId().substring(0, slash)) != null) {
                    t.breakers().adoptOpening(b.deploymentId(), b.until());
                }
            }
        }
    }

    private void remember(HealthEvent event) {
        String key = switch (event) {
            case HealthEvent.KeySetAside k -> "key\0" + k.provider() + "\0" + k.keyId();
            case HealthEvent.BreakerOpened b -> "breaker\0" + b.deploymentId();
        };
        if (remembered.size() >= MAX_REMEMBERED) {
            long now = clock.millis();
            remembered.values().removeIf(e -> e.until().toEpochMilli() <= now);
            if (remembered.size() >= MAX_REMEMBERED && !remembered.containsKey(key)) {
                return;
            }
        }
        remembered.merge(key, event, (old, e) -> e.until().isAfter(old.until()) ? e : old);
    }
}
