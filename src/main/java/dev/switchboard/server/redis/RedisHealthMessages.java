package dev.switchboard.server.redis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.format.Json;
import dev.switchboard.resilience.HealthEvent;
import dev.switchboard.resilience.KeyPool;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * The JSON that {@link RedisHealth} puts on the channel and under each health key:
 * <pre>
 * {"v":1,"from":"&lt;instance&gt;","type":"key","provider":"openai","key":"&lt;fingerprint&gt;","state":"cooling_down","ttl_ms":30000,"reason":"rate limited"}
 * {"v":1,"from":"&lt;instance&gt;","type":"breaker","deployment":"openai/gpt-4.1","ttl_ms":5000}
 * </pre>
 * Times travel as a remaining duration ({@code ttl_ms}), not an instant: instances' clocks may disagree by
 * seconds, a message takes milliseconds, and a stored key's remaining life comes from Redis ({@code PTTL}).
 * What arrives is checked like any input: too long, malformed or unknown messages are dropped.
 */
final class RedisHealthMessages {
    static final int VERSION = 1;
    /** Far above any real message; a bigger one is not ours. */
    static final int MAX_MESSAGE_CHARS = 4096;
    /** Providers, deployments and key ids are short; anything longer is not ours either. */
    static final int MAX_NAME_CHARS = 512;
    /** No key rest or breaker opening is meant to last longer than this (the pools and breakers cap it lower). */
    static final Duration MAX_TTL = Duration.ofDays(1);

    /** A message as read: who sent it and what it says. */
    record Received(String from, HealthEvent event) {}

    private RedisHealthMessages() {}

    /** The Redis key under which {@code event} is kept while it is in force; unique per key or deployment. */
    static String storageKey(String prefix, HealthEvent event) {
        return switch (event) {
            case HealthEvent.KeySetAside k -> prefix + "key:" + k.provider() + ":" + k.keyId();
            case HealthEvent.BreakerOpened b -> prefix + "breaker:" + b.deploymentId();
        };
    }

    static String encode(String from, HealthEvent event, long ttlMillis) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("v", VERSION);
        o.put("from", from);
        switch (event) {
            case HealthEvent.KeySetAside k -> {
                o.put("type", "key");
                o.put("provider", k.provider());
                o.put("key", k.keyId());
                o.put("state", k.state().name().toLowerCase(Locale.ROOT));
                o.put("ttl_ms", ttlMillis);
                o.put("reason", k.reason());
            }
            case HealthEvent.BreakerOpened b -> {
                o.put("type", "breaker");
                o.put("deployment", b.deploymentId());
                o.put("ttl_ms", ttlMillis);
            }
        }
        return o.toString();
    }

    /**
     * @param ttlMillis the remaining life to use instead of the message's own {@code ttl_ms} (a stored key's
     *     {@code PTTL}), or a negative number to use the message's
     * @param now the receiver's clock, to turn the remaining life into an instant
     */
    static Optional<Received> decode(String text, long ttlMillis, Instant now) {
        if (text == null || text.length() > MAX_MESSAGE_CHARS) {
            return Optional.empty();
        }
        JsonNode o;
        try {
            o = Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
        if (o == null || !o.isObject() || o.path("v").asInt(-1) != VERSION) {
            return Optional.empty();
        }
        String from = name(o, "from");
        long ttl = ttlMillis >= 0 ? ttlMillis : o.path("ttl_ms").asLong(-1);
        if (from == null || ttl <= 0 || !o.path("ttl_ms").canConvertToLong()) {
            return Optional.empty();
        }
        Instant until = now.plusMillis(Math.min(ttl, MAX_TTL.toMillis()));
        try {
            HealthEvent event = switch (o.path("type").asText("")) {
                case "key" -> keyEvent(o, until);
                case "breaker" -> {
                    String deployment = name(o, "deployment");
                    yield deployment == null ? null : new HealthEvent.BreakerOpened(deployment, until);
                }
                default -> null;
            };
            return event == null ? Optional.empty() : Optional.of(new Received(from, event));
        } catch (IllegalArgumentException e) { // e.g. a state we do not know, or "available"
            return Optional.empty();
        }
    }

    private static HealthEvent keyEvent(JsonNode o, Instant until) {
        String provider = name(o, "provider");
        String key = name(o, "key");
        String state = name(o, "state");
        if (provider == null || key == null || state == null) {
            return null;
        }
        JsonNode reason = o.path("reason");
        return new HealthEvent.KeySetAside(provider, key, KeyPool.KeyState.valueOf(state.toUpperCase(Locale.ROOT)), until,
                reason.isTextual() ? reason.asText() : null);
    }

    private static String name(JsonNode o, String field) {
        JsonNode n = o.get(field);
        return n != null && n.isTextual() && !n.asText().isEmpty() && n.asText().length() <= MAX_NAME_CHARS ? n.asText() : null;
    }
}
