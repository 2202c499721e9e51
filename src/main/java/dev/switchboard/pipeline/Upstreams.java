package dev.switchboard.pipeline;

import dev.switchboard.config.GatewayConfig;
import dev.switchboard.config.ProviderConfig;
import dev.switchboard.config.ProviderKind;
import dev.switchboard.provider.HttpProvider;
import dev.switchboard.provider.MockAnswers;
import dev.switchboard.provider.MockProvider;
import dev.switchboard.provider.Provider;
import dev.switchboard.provider.UpstreamTransport;
import dev.switchboard.resilience.ConcurrencyLimiter;
import dev.switchboard.resilience.KeyPool;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The providers of one config snapshot, their key pools, and how each is reached. */
public final class Upstreams {
    private final Map<String, Provider> providers = new LinkedHashMap<>();
    private final Map<String, KeyPool> keys = new HashMap<>();
    private final Map<String, ConcurrencyLimiter> limits = new HashMap<>();
    private final UpstreamTransport http;

    public Upstreams(GatewayConfig config, UpstreamTransport http, Clock clock) {
        this.http = http;
        MockAnswers answers = new MockAnswers(clock);
        for (ProviderConfig p : config.providers().values()) {
            Provider provider = p.kind() == ProviderKind.MOCK
                    ? new MockProvider(p.name(), p.models().isEmpty() ? List.of("echo-1") : p.models(), answers)
                    : new HttpProvider(p.name(), p.format(), p.baseUrl(), p.timeouts(), p.models(), p.headers());
            providers.put(p.name(), provider);
            keys.put(p.name(), new KeyPool(p.keys(), KeyPool.Config.defaults(), clock));
            if (p.maxConcurrent() > 0) {
                limits.put(p.name(), new ConcurrencyLimiter(p.name(), p.maxConcurrent()));
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

    public UpstreamTransport transportFor(Provider provider) {
        return provider instanceof MockProvider mock ? mock : http;
    }
}
