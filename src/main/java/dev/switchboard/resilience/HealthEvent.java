package dev.switchboard.resilience;

import java.time.Instant;
import java.util.Objects;

/**
 * What one instance tells the others about upstream health, so that all of them keep away from a key or a
 * deployment that one of them saw fail. Keys are named by their {@link KeyFingerprint}, never by the key.
 */
public sealed interface HealthEvent {

    /** When the event stops mattering; an event is only worth sending or applying before then. */
    Instant until();

    /**
     * A provider key set aside: rate limited ({@link KeyPool.KeyState#COOLING_DOWN}), out of quota
     * ({@link KeyPool.KeyState#EXHAUSTED}) or rejected ({@link KeyPool.KeyState#DISABLED}).
     *
     * @param keyId {@link KeyFingerprint#of} the key
     * @param reason short, for the status page; never contains the key
     */
    record KeySetAside(String provider, String keyId, KeyPool.KeyState state, Instant until, String reason)
            implements HealthEvent {
        public KeySetAside {
            Objects.requireNonNull(provider, "provider");
            Objects.requireNonNull(keyId, "keyId");
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(until, "until");
            if (state == KeyPool.KeyState.AVAILABLE) {
                throw new IllegalArgumentException("an available key is not set aside");
            }
        }
    }

    /** A deployment's circuit breaker opened; {@code deploymentId} is the breaker's id ({@code provider/model}). */
    record BreakerOpened(String deploymentId, Instant until) implements HealthEvent {
        public BreakerOpened {
            Objects.requireNonNull(deploymentId, "deploymentId");
            Objects.requireNonNull(until, "until");
        }
    }
}
