package dev.switchboard.pipeline;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Prometheus metrics by endpoint, provider, model and status. Model names come from clients, so the
 * number of distinct model labels is capped: past the cap they are reported as {@code other}, which
 * keeps a hostile client from blowing up the registry.
 */
public final class GatewayMetrics {
    private static final int MAX_MODEL_LABELS = 500;
    private static final Duration[] BUCKETS = {
        Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
        Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
        Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10),
        Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(300)
    };
    private final MeterRegistry registry;
    private final Set<String> modelLabels = ConcurrentHashMap.newKeySet();

    public GatewayMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public MeterRegistry registry() {
        return registry;
    }

    public void record(RequestRecord r) {
        String endpoint = r.endpoint().name().toLowerCase();
        String provider = r.provider() == null ? "none" : r.provider();
        // a refused request's model name is whatever the client typed: never a label
        String model = r.provider() == null ? "none" : label(r.upstreamModel());
        String status = Integer.toString(r.status());
        Counter.builder("switchboard.requests")
                .description("Proxied requests by outcome")
                .tags("endpoint", endpoint, "provider", provider, "model", model, "status", status)
                .register(registry).increment();
        Timer.builder("switchboard.request.duration")
                .description("Time from request received to response ended")
                .tags("endpoint", endpoint, "provider", provider, "model", model, "status", status)
                .serviceLevelObjectives(BUCKETS)
                .register(registry).record((long) (r.totalMillis() * 1_000_000), TimeUnit.NANOSECONDS);
        if (r.ttfbMillis() >= 0) {
            Timer.builder("switchboard.time.to.first.byte")
                    .description("Time from request received to the first response byte sent")
                    .tags("endpoint", endpoint, "provider", provider, "model", model)
                    .serviceLevelObjectives(BUCKETS)
                    .register(registry).record((long) (r.ttfbMillis() * 1_000_000), TimeUnit.NANOSECONDS);
        }
        if (r.usage() != null) {
            tokens(provider, model, "input", r.usage().input());
            tokens(provider, model, "output", r.usage().output());
            tokens(provider, model, "cache_read", r.usage().cacheRead());
            tokens(provider, model, "reasoning", r.usage().reasoning());
        }
        if (r.attempts() > 1) {
            Counter.builder("switchboard.failovers")
                    .description("Extra upstream attempts after a failed one")
                    .tags("endpoint", endpoint, "model", label(r.requestedModel()))
                    .register(registry).increment(r.attempts() - 1);
        }
    }

    private void tokens(String provider, String model, String type, long n) {
        if (n > 0) {
            Counter.builder("switchboard.tokens")
                    .description("Tokens reported by providers")
                    .tags("provider", provider, "model", model, "type", type)
                    .register(registry).increment(n);
        }
    }

    private String label(String model) {
        if (model == null) {
            return "none";
        }
        if (modelLabels.contains(model)) {
            return model;
        }
        if (modelLabels.size() >= MAX_MODEL_LABELS || model.length() > 128) {
            return "other";
        }
        modelLabels.add(model);
        return model;
    }
}
