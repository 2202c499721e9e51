package dev.switchboard.config;

import java.time.Duration;
import java.util.Objects;

/**
 * The {@code resilience:} settings: circuit breaker, retries and key pool. Plain values, so that the
 * config package needs nothing from {@code resilience}; the pipeline converts them.
 *
 * <p>The same records serve two purposes. A <em>resolved</em> config (every field set) is what
 * {@link DefaultsConfig#resilience()} and {@link ProviderConfig#resilience()} hold: defaults, then
 * {@code defaults.resilience}, then the provider's own fields. An <em>override</em> (null fields inherit)
 * is what {@link ModelRoute#resilience()} holds; {@link #apply} lays an override over a resolved config.
 */
public record ResilienceConfig(Breaker breaker, Retry retry, Keys keys) {
    /** Today's built-in behaviour (see README, "When providers fail"). */
    public static final ResilienceConfig DEFAULTS = new ResilienceConfig(Breaker.DEFAULTS, Retry.DEFAULTS, Keys.DEFAULTS);
    /** An override that changes nothing. */
    public static final ResilienceConfig INHERIT = new ResilienceConfig(Breaker.INHERIT, Retry.INHERIT, Keys.INHERIT);

    public ResilienceConfig {
        Objects.requireNonNull(breaker, "breaker");
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(keys, "keys");
    }

    /** This config with every field {@code override} sets replaced. */
    public ResilienceConfig apply(ResilienceConfig override) {
        return new ResilienceConfig(breaker.apply(override.breaker), retry.apply(override.retry), keys.apply(override.keys));
    }

    /** Whether this override sets nothing. */
    public boolean inherits() {
        return equals(INHERIT);
    }

    /**
     * @param consecutiveFailures open after this many retryable failures in a row
     * @param failureRate open when this share (0 &lt; x ≤ 1) of the calls over {@code window} failed …
     * @param minimumRequests … and the window holds at least this many calls
     * @param open how long the first opening lasts; each further opening in a row doubles it …
     * @param openMax … up to this
     * @param halfOpenProbes trial calls let through at once while half-open
     */
    public record Breaker(Integer consecutiveFailures, Double failureRate, Duration window, Integer minimumRequests,
            Duration open, Duration openMax, Integer halfOpenProbes) {
        public static final Breaker DEFAULTS = new Breaker(5, 0.5, Duration.ofSeconds(60), 20,
                Duration.ofSeconds(5), Duration.ofMinutes(5), 1);
        public static final Breaker INHERIT = new Breaker(null, null, null, null, null, null, null);

        public Breaker apply(Breaker o) {
            return new Breaker(or(o.consecutiveFailures, consecutiveFailures), or(o.failureRate, failureRate),
                    or(o.window, window), or(o.minimumRequests, minimumRequests), or(o.open, open),
                    or(o.openMax, openMax), or(o.halfOpenProbes, halfOpenProbes));
        }
    }

    /**
     * @param maxAttempts attempts per deployment, the first included (1 = never retry)
     * @param backoff the first retry waits up to this (full jitter), doubling per retry …
     * @param backoffMax … up to this
     * @param maxServerDelay the longest Retry-After (or rate-limit reset) that is waited for; longer means move on
     * @param budget retries allowed per request over a provider's recent traffic (0.2 = one per five requests)
     */
    public record Retry(Integer maxAttempts, Duration backoff, Duration backoffMax, Duration maxServerDelay, Double budget) {
        public static final Retry DEFAULTS = new Retry(3, Duration.ofMillis(200), Duration.ofSeconds(5),
                Duration.ofSeconds(10), 0.2);
        public static final Retry INHERIT = new Retry(null, null, null, null, null);

        public Retry apply(Retry o) {
            return new Retry(or(o.maxAttempts, maxAttempts), or(o.backoff, backoff), or(o.backoffMax, backoffMax),
                    or(o.maxServerDelay, maxServerDelay), or(o.budget, budget));
        }
    }

    /**
     * @param maxCooldown a rate-limited key rests for the upstream's Retry-After, at most this long
     * @param exhaustedCooldown a key whose quota is spent rests this long
     */
    public record Keys(KeyStrategy strategy, Duration maxCooldown, Duration exhaustedCooldown) {
        public static final Keys DEFAULTS = new Keys(KeyStrategy.ROUND_ROBIN, Duration.ofMinutes(15), Duration.ofHours(1));
        public static final Keys INHERIT = new Keys(null, null, null);

        public Keys apply(Keys o) {
            return new Keys(or(o.strategy, strategy), or(o.maxCooldown, maxCooldown), or(o.exhaustedCooldown, exhaustedCooldown));
        }
    }

    public enum KeyStrategy {
        /** Spread calls over all usable keys. */
        ROUND_ROBIN,
        /** Use the first usable key until it is set aside. */
        FILL_FIRST
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }
}
