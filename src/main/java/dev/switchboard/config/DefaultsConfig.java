package dev.switchboard.config;

import dev.switchboard.model.Timeouts;
import java.time.Duration;

/**
 * Settings every provider and model route inherits unless it overrides them.
 *
 * @param affinityTtl how long a session stays pinned to a deployment after its last request
 * @param resilience breaker, retry and key settings every provider starts from (resolved: no field null)
 */
public record DefaultsConfig(Timeouts timeouts, Duration affinityTtl, ResilienceConfig resilience) {
    public static final Duration DEFAULT_AFFINITY_TTL = Duration.ofHours(1);
    public static final DefaultsConfig DEFAULTS =
            new DefaultsConfig(Timeouts.DEFAULTS, DEFAULT_AFFINITY_TTL, ResilienceConfig.DEFAULTS);

    public DefaultsConfig(Timeouts timeouts, Duration affinityTtl) {
        this(timeouts, affinityTtl, ResilienceConfig.DEFAULTS);
    }

    public DefaultsConfig(Timeouts timeouts) {
        this(timeouts, DEFAULT_AFFINITY_TTL);
    }
}
