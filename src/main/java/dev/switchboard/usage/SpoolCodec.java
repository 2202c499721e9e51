package dev.switchboard.usage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.model.Endpoint;
import dev.switchboard.model.ErrorKind;
import dev.switchboard.model.Usage;
import dev.switchboard.model.chat.ClientFormat;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * One {@link UsageRecord} per JSON line in the spool file. The field names are the file format, kept
 * stable on purpose (not derived from the record) so a spool written by one version replays in the
 * next; an enum constant a later version no longer knows reads as null instead of losing the record.
 */
final class SpoolCodec {
    static final int VERSION = 1;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private SpoolCodec() {}

    static String encode(UsageRecord r) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("v", VERSION);
        n.put("id", r.requestId());
        n.put("ts", r.ts().toEpochMilli());
        n.put("key", r.keyId());
        n.put("key_name", r.keyName());
        n.put("project", r.projectId());
        n.put("provider", r.provider());
        n.put("model", r.model());
        n.put("requested_model", r.requestedModel());
        n.put("endpoint", r.endpoint() == null ? null : r.endpoint().name());
        n.put("format", r.clientFormat() == null ? null : r.clientFormat().name());
        n.put("status", r.status());
        n.put("error", r.errorKind() == null ? null : r.errorKind().name());
        n.put("stream", r.stream());
        Usage u = r.usage();
        n.put("in", u.input());
        n.put("out", u.output());
        n.put("cache_read", u.cacheRead());
        n.put("cache_write", u.cacheWrite());
        n.put("reasoning", u.reasoning());
        n.put("estimated", u.estimated());
        n.put("cost_usd", r.cost().priced() ? r.cost().usd().toPlainString() : null);
        n.put("latency_ms", r.latencyMs());
        n.put("ttfb_ms", r.ttfbMs());
        n.put("attempts", r.attempts());
        if (r.bodies() != null) {
            n.put("body_request", r.bodies().request());
            n.put("body_response", r.bodies().response());
            n.put("body_truncated", r.bodies().truncated());
        }
        try {
            return MAPPER.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Parses one line; throws {@link IllegalArgumentException} when it is not a whole record. */
    static UsageRecord decode(String line) {
        JsonNode n;
        try {
            n = MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON", e);
        }
        if (n == null || !n.isObject() || n.path("v").asInt() != VERSION || !n.hasNonNull("id") || !n.hasNonNull("ts")) {
            throw new IllegalArgumentException("not a spooled usage record");
        }
        Usage usage = new Usage(n.path("in").asLong(), n.path("out").asLong(), n.path("cache_read").asLong(),
                n.path("cache_write").asLong(), n.path("reasoning").asLong(), n.path("estimated").asBoolean());
        RequestBodies bodies = n.has("body_truncated")
                ? new RequestBodies(text(n, "body_request"), text(n, "body_response"), n.path("body_truncated").asBoolean())
                : null;
        String cost = text(n, "cost_usd");
        return new UsageRecord(n.get("id").asText(), Instant.ofEpochMilli(n.get("ts").asLong()), text(n, "key"),
                text(n, "key_name"), text(n, "project"), text(n, "provider"), text(n, "model"),
                text(n, "requested_model"), constant(Endpoint.class, text(n, "endpoint")),
                constant(ClientFormat.class, text(n, "format")), n.path("status").asInt(),
                constant(ErrorKind.class, text(n, "error")), n.path("stream").asBoolean(), usage,
                cost == null ? Cost.UNPRICED : new Cost(new BigDecimal(cost)), longOrNull(n, "latency_ms"),
                longOrNull(n, "ttfb_ms"), n.path("attempts").asInt(), bodies);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Long longOrNull(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asLong();
    }

    private static <E extends Enum<E>> E constant(Class<E> type, String name) {
        if (name == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, name);
        } catch (IllegalArgumentException unknown) {
            return null;
        }
    }
}
