package dev.switchboard.pipeline;

import dev.switchboard.config.GatewayConfig;
import dev.switchboard.config.ModelRoute;
import dev.switchboard.config.ProviderConfig;
import dev.switchboard.config.ProviderKind;
import dev.switchboard.config.ResilienceConfig;
import dev.switchboard.provider.HttpProvider;
import dev.switchboard.provider.MockAnswers;
import dev.switchboard.provider.MockProvider;
import dev.switchboard.provider.Provider;
import dev.switchboard.provider.UpstreamTransport;
import dev.switchboard.resilience.Backoff;
import dev.switchboard.resilience.CircuitBreakerConfig;
import dev.switchboard.resilience.ConcurrencyLimiter;
import dev.switchboard.resilience.HealthSync;
import dev.switchboard.resilience.KeyPool;
import dev.switchboard.resilience.RetryBudget;
import dev.switchboard.resilience.RetryPolicy;
import dev.switchboard.routing.Route;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The providers of one config snapshot, their key pools, and how each is reached; also each provider's
 * resilience settings ({@code resilience:} in the config) as the resilience package's objects, built once,
 * and those of every model route that overrides them, per target provider.
 */
public final class Upstreams {
    /** Circuit breaker bucket count: the window ages out in twelfths (window ≥ 1 s is enforced by config). */
    static final int BREAKER_WINDOW_BUCKETS = 12;
    /** Each further opening in a row lasts twice as long, up to {@code open_max}. */
    static final double BREAKER_OPEN_MULTIPLIER = 2.0;

    /** One provider's settings, converted. */
    private record Resilience(ResilienceConfig config, CircuitBreakerConfig breaker, RetryPolicy retry, RetryBudget budget) {}

    private final Map<String, Provider> providers = new LinkedHashMap<>();
    private final Map<String, KeyPool> keys = new HashMap<>();
    private final Map<String, ConcurrencyLimiter> limits = new HashMap<>();
    private final Map<String, Resilience> resilience = new HashMap<>();
    /** route name → provider → breaker config, for routes with their own breaker settings. */
    private final Map<String, Map<String, CircuitBreakerConfig>> routeBreakers = new HashMap<>();
    /** route name → provider → retry policy, for routes with their own retry settings. */
    private final Map<String, Map<String, RetryPolicy>> routeRetries = new HashMap<>();
    private final CircuitBreakerConfig defaultBreaker;
    private final UpstreamTransport http;

    public Upstreams(GatewayConfig config, UpstreamTransport http, Clock clock) {
        this(config, http, clock, HealthSync.local(clock));
    }

    /** @param health told about every key a pool sets aside, to share it with the other instances */
    public Upstreams(GatewayConfig config, UpstreamTransport http, Clock clock, HealthSync health) {
        this.http = http;
        this.defaultBreaker = breakerConfig(config.defaults().resilience().breaker());
        MockAnswers answers = new MockAnswers(clock);
        for (ProviderConfig p : config.providers().values()) {
            Provider provider = p.kind() == ProviderKind.MOCK
                    ? new MockProvider(p.name(), p.models().isEmpty() ? List.of("echo-1") : p.models(), answers)
                    : new HttpProvider(p.name(), p.format(), p.baseUrl(), p.timeouts(), p.models(), p.headers());
            providers.put(p.name(), provider);
            ResilienceConfig r = p.resilience();
            keys.put(p.name(), new KeyPool(p.keys(), keyPoolConfig(r.keys()), clock, health.keyListener(p.name())));
            resilience.put(p.name(), new Resilience(r, breakerConfig(r.breaker()), retryPolicy(r.retry()),
                    new RetryBudget(retryBudgetConfig(r.retry()), clock)));
            if (p.maxConcurrent() > 0) {
                limits.put(p.name(), new ConcurrencyLimiter(p.name(), p.maxConcurrent()));
            }
        }
        for (ModelRoute route : config.models().values()) {
            ResilienceConfig override = route.resilience();
            for (ModelRoute.Target t : route.targets()) {
                ProviderConfig p = config.providers().get(t.provider());
                if (p == null) {
                    continue;
                }
                ResilienceConfig merged = route.resilienceOver(p);
                if (!override.breaker().equals(ResilienceConfig.Breaker.INHERIT)) {
                    routeBreakers.computeIfAbsent(route.name(), n -> new HashMap<>())
                            .put(p.name(), breakerConfig(merged.breaker()));
                }
                if (!override.retry().equals(ResilienceConfig.Retry.INHERIT)) {
                    routeRetries.computeIfAbsent(route.name(), n -> new HashMap<>())
                            .put(p.name(), retryPolicy(merged.retry()));
                }
            }
        }
    }

    public Provider provider(String name) {
        return providers.get(name);
    }

    public Iterable<Provider> all() {
        return providers.values();
    }

    public KeyPool keys(String provider) {
        return keys.get(provider);
    }

    /** The provider's own concurrency limit, or null when it has none. */
    public ConcurrencyLimiter limit(String provider) {
        return limits.get(provider);
    }

    /** The provider's resolved {@code resilience:} settings (defaults, then its own), or null when unknown. */
    public ResilienceConfig resilience(String provider) {
        Resilience r = resilience.get(provider);
        return r == null ? null : r.config();
    }

    /**
     * The breaker config for a breaker id ({@link Route#breakerId}): for {@code provider/model}, its
     * provider's breaker settings; for {@code provider/model via route}, the provider's with the route's
     * breaker overrides over them; {@code defaults.resilience.breaker} for a provider not configured.
     * Meant as the {@link dev.switchboard.resilience.CircuitBreakerRegistry} config function.
     */
    public CircuitBreakerConfig breakerConfig(String deploymentId) {
        int slash = deploymentId.indexOf('/');
        String provider = slash < 0 ? deploymentId : deploymentId.substring(0, slash);
        int via = deploymentId.lastIndexOf(Route.VIA);
        if (via > slash && slash > 0) {
            Map<String, CircuitBreakerConfig> byProvider = routeBreakers.get(deploymentId.substring(via + Route.VIA.length()));
            CircuitBreakerConfig c = byProvider == null ? null : byProvider.get(provider);
            if (c != null) {
                return c;
            }
        }
        Resilience r = resilience.get(provider);
        return r == null ? defaultBreaker : r.breaker();
    }

    /** The provider's retry policy (its {@code resilience.retry}), or null when the provider is unknown. */
    public RetryPolicy retryPolicy(String provider) {
        Resilience r = resilience.get(provider);
        return r == null ? null : r.retry();
    }

    /**
     * The retry policy for a call to {@code provider} through {@code route}: the route's own retry settings
     * over the provider's when the route (an alias) has any, else the provider's. Built once per snapshot.
     * Null when the provider is unknown.
     */
    public RetryPolicy retryPolicy(String provider, Route route) {
        if (route.alias() != null) {
            Map<String, RetryPolicy> byProvider = routeRetries.get(route.alias());
            RetryPolicy p = byProvider == null ? null : byProvider.get(provider);
            if (p != null) {
                return p;
            }
        }
        return retryPolicy(provider);
    }

    /**
     * The provider's retry budget, one per provider for the life of this snapshot: call
     * {@link RetryBudget#recordRequest()} once per client request and {@link RetryBudget#tryRetry()} before
     * each retry. Null when the provider is unknown.
     */
    public RetryBudget retryBudget(String provider) {
        Resilience r = resilience.get(provider);
        return r == null ? null : r.budget();
    }

    /** A resolved breaker section as the breaker's own config. */
    public static CircuitBreakerConfig breakerConfig(ResilienceConfig.Breaker b) {
        return new CircuitBreakerConfig(b.consecutiveFailures(), b.failureRate(), b.window(), BREAKER_WINDOW_BUCKETS,
                b.minimumRequests(), b.open(), BREAKER_OPEN_MULTIPLIER, b.openMax(), b.halfOpenProbes(), 1);
    }

    /** A resolved retry section as a retry policy. */
    public static RetryPolicy retryPolicy(ResilienceConfig.Retry r) {
        return new RetryPolicy(r.maxAttempts(), new Backoff(r.backoff(), r.backoffMax()), r.maxServerDelay());
    }

    /** A resolved retry section's budget share; window and reserve stay at the budget's defaults. */
    public static RetryBudget.Config retryBudgetConfig(ResilienceConfig.Retry r) {
        RetryBudget.Config d = RetryBudget.Config.defaults();
        return new RetryBudget.Config(r.budget(), d.window(), d.windowBuckets(), d.minRetriesPerSecond());
    }

    /** A resolved keys section as a key pool config. */
    public static KeyPool.Config keyPoolConfig(ResilienceConfig.Keys k) {
        KeyPool.Strategy strategy = switch (k.strategy()) {
            case ROUND_ROBIN -> KeyPool.Strategy.ROUND_ROBIN;
            case FILL_FIRST -> KeyPool.Strategy.FILL_FIRST;
        };
        return new KeyPool.Config(strategy, k.maxCooldown(), k.exhaustedCooldown());
    }

    public UpstreamTransport transportFor(Provider provider) {
        return provider instanceof MockProvider mock ? mock : http;
    }
}
