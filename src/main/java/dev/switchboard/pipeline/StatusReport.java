package dev.switchboard.pipeline;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.format.Json;
import dev.switchboard.provider.Provider;
import dev.switchboard.resilience.CircuitBreaker;
import dev.switchboard.resilience.CircuitBreakerRegistry;
import dev.switchboard.resilience.KeyPool;
import java.nio.charset.StandardCharsets;

/**
 * The health the resilience layer sees, for operators: every circuit breaker and every provider key
 * (masked) with its state. Served at {@code GET /admin/v1/status}.
 */
final class StatusReport {
    private StatusReport() {}

    static byte[] render(CircuitBreakerRegistry breakers, Upstreams upstreams) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        ArrayNode list = root.putArray("breakers");
        for (CircuitBreaker.Snapshot s : breakers.snapshots()) {
            ObjectNode b = list.addObject();
            b.put("deployment", s.id());
            b.put("state", s.state().name().toLowerCase());
            b.put("consecutive_failures", s.consecutiveFailures());
            b.put("window_requests", s.windowRequests());
            b.put("window_failures", s.windowFailures());
            b.put("failure_rate", s.failureRate());
            b.put("openings", s.openings());
            b.put("open_until", s.openUntil() == null ? null : s.openUntil().toString());
            b.put("transitions", s.transitions());
        }
        ObjectNode providers = root.putObject("providers");
        for (Provider p : upstreams.all()) {
            ArrayNode keys = providers.putObject(p.name()).putArray("keys");
            for (KeyPool.KeyStatus k : upstreams.keys(p.name()).status()) {
                ObjectNode key = keys.addObject();
                key.put("index", k.index());
                key.put("key", k.key()); // already masked by the pool
                key.put("state", k.state().name().toLowerCase());
                key.put("until", k.until() == null ? null : k.until().toString());
                key.put("reason", k.reason());
            }
        }
        return root.toString().getBytes(StandardCharsets.UTF_8);
    }
}
