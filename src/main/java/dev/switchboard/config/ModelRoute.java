package dev.switchboard.config;

import java.util.List;

/**
 * A name clients may send (exact or glob) and the ordered targets it routes to.
 *
 * @param affinity whether requests carrying a session id stick to the deployment that last answered
 *     that session (only matters with more than one target)
 * @param resilience breaker and retry fields this route overrides for calls made through it (an override:
 *     null fields inherit from the target's provider); {@link ResilienceConfig#INHERIT} when none
 */
public record ModelRoute(
        String name, List<Target> targets, Strategy strategy, boolean affinity, ResilienceConfig resilience) {
    public ModelRoute {
        targets = List.copyOf(targets);
        java.util.Objects.requireNonNull(resilience, "resilience");
    }

    public ModelRoute(String name, List<Target> targets, Strategy strategy, boolean affinity) {
        this(name, targets, strategy, affinity, ResilienceConfig.INHERIT);
    }

    /** The settings for a call to {@code provider} through this route: the provider's, with this route's overrides. */
    public ResilienceConfig resilienceOver(ProviderConfig provider) {
        return provider.resilience().apply(resilience);
    }

    /** Affinity on, the default. */
    public ModelRoute(String name, List<Target> targets, Strategy strategy) {
        this(name, targets, strategy, true);
    }

    /**
     * @param model the upstream model name sent to the provider
     * @param weight share of first picks under {@code strategy: weighted} (1 unless written); ignored otherwise
     */
    public record Target(String provider, String model, int weight) {
        public static final int MAX_WEIGHT = 1_000_000;

        public Target {
            if (weight < 1 || weight > MAX_WEIGHT) {
                throw new IllegalArgumentException("weight must be from 1 to " + MAX_WEIGHT + ", was " + weight);
            }
        }

        public Target(String provider, String model) {
            this(provider, model, 1);
        }

        /**
         * Splits {@code provider/model} on the first slash: model names may contain slashes themselves
         * ({@code openrouter/anthropic/claude-3} is provider {@code openrouter}, model
         * {@code anthropic/claude-3}).
         *
         * @throws IllegalArgumentException when there is no provider or no model part
         */
        public static Target parse(String spec) {
            String s = spec.strip();
            int slash = s.indexOf('/');
            if (slash <= 0 || slash == s.length() - 1) {
                throw new IllegalArgumentException("target '" + s + "' must be written provider/model");
            }
            return new Target(s.substring(0, slash), s.substring(slash + 1));
        }

        @Override
        public String toString() {
            return provider + "/" + model + (weight == 1 ? "" : " (weight " + weight + ")");
        }
    }

    public enum Strategy {
        /** Configured order; the next target only when the one before cannot answer. */
        FAILOVER,
        /** Rotates the first target per request; the rest follow in configured order from there. */
        ROUND_ROBIN,
        /** First target drawn at random in proportion to its weight; the rest by weight, heaviest first. */
        WEIGHTED,
        /** Fastest recent time to first byte first; unmeasured (new or stale) targets ahead of all measured. */
        LEAST_LATENCY,
        /**
         * Same ordering as {@link #FAILOVER}: every request fills the first target until it fails (breaker
         * open, keys cooling down), then the next. Kept as its own name because that is what users ask for.
         */
        FILL_FIRST
    }
}
