package dev.switchboard.pipeline;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Prometheus metrics by endpoint, provider, model and status. Meters are looked up once per label
 * set and kept, so the hot path pays one map lookup instead of a registry search. Model names come
 * from clients, so the number of distinct model labels is capped: past the cap they are reported as
 * {@code other}, which keeps a hostile client from blowing up the registry.
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
    private final Map<Labels, RequestMeters> requestMeters = new ConcurrentHashMap<>();
    private final Map<Labels, TokenMeters> tokenMeters = new ConcurrentHashMap<>();

    private record Labels(String endpoint, String provider, String model, int status) {}

    private record RequestMeters(Counter requests, Timer duration, Timer ttfb) {}

    private record TokenMeters(Counter input, Counter output, Counter cacheRead, Counter reasoning) {}

    public GatewayMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public MeterRegistry registry() {
        return registry;
    }

    public void record(RequestRecord r) {
        String endpoint = r.endpoint().label();
        String provider = r.provider() == null ? "none" : r.provider();
        // a refused request's model name is whatever the client typed: never a label
        String model = r.provider() == null ? "none" : label(r.upstreamModel());
        RequestMeters m = requestMeters.computeIfAbsent(new Labels(endpoint, provider, model, r.status()), this::requestMeters);
        m.requests().increment();
        m.duration().record((long) (r.totalMillis() * 1_000_000), TimeUnit.NANOSECONDS);
        if (r.ttfbMillis() >= 0) {
            m.ttfb().record((long) (r.ttfbMillis() * 1_000_000), TimeUnit.NANOSECONDS);
        }
        if (r.usage() != null) {
            TokenMeters t = tokenMeters.computeIfAbsent(new Labels("", provider, model, 0), this::tokenMeters);
            t.input().increment(r.usage().input());
            t.output().increment(r.usage().output());
            t.cacheRead().increment(r.usage().cacheRead());
            t.reasoning().increment(r.usage().reasoning());
        }
        if (r.attempts() > 1) {
            Counter.builder("switchboard.failovers")
                    .description("Extra upstream attempts after a failed one")
                    .tags("endpoint", endpoint, "provider", provider)
                    .register(registry).increment(r.attempts() - 1);
        }
    }

    /** A breaker changed state: counted by deployment and new state. */
    /** An Anthropic upstream refused the conversation's thinking blocks and the gateway retried without them. */
    public void thinkingRectified(String provider) {
        Counter.builder("switchboard.thinking.rectified")
                .description("Requests retried once without thinking blocks after an Anthropic signature or structure error")
                .tag("provider", provider)
                .register(registry)
                .increment();
    }

    public void circuitTransition(String deployment, String to) {
        Counter.builder("switchboard.circuit.transitions")
                .description("Circuit breaker state changes")
                .tags("deployment", deployment, "to", to)
                .register(registry).increment();
    }

    private RequestMeters requestMeters(Labels l) {
        String status = Integer.toString(l.status());
        return new RequestMeters(
                Counter.builder("switchboard.requests")
                        .description("Proxied requests by outcome")
                        .tags("endpoint", l.endpoint(), "provider", l.provider(), "model", l.model(), "status", status)
                        .register(registry),
                Timer.builder("switchboard.request.duration")
                        .description("Time from request received to response ended")
                        .tags("endpoint", l.endpoint(), "provider", l.provider(), "model", l.model(), "status", status)
                        .serviceLevelObjectives(BUCKETS)
                        .register(registry),
                Timer.builder("switchboard.time.to.first.byte")
                        .description("Time from request received to the first response byte sent")
                        .tags("endpoint", l.endpoint(), "provider", l.provider(), "model", l.model())
                        .serviceLevelObjectives(BUCKETS)
                        .register(registry));
    }

    private TokenMeters tokenMeters(Labels l) {
        return new TokenMeters(tokens(l, "input"), tokens(l, "output"), tokens(l, "cache_read"), tokens(l, "reasoning"));
    }

    private Counter tokens(Labels l, String type) {
        return Counter.builder("switchboard.tokens")
                .description("Tokens reported by providers")
                .tags("provider", l.provider(), "model", l.model(), "type", type)
                .register(registry);
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
