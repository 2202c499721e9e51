package dev.switchboard.format.anthropic;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.format.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * {@code GET /v1/models} and {@code GET /v1/models/{id}} in Anthropic's shape: one page holding every
 * model ({@code has_more} false). {@code lifecycle} is sent as "active" because current SDKs require
 * it; a model a key may use is, to that key, active.
 */
public final class AnthropicModels {
    private AnthropicModels() {}

    /** @param createdAt the release time; Anthropic allows the epoch when it is unknown */
    public record Entry(String id, String displayName, Instant createdAt) {
        public static Entry of(String id, Instant createdAt) {
            return new Entry(id, id, createdAt);
        }
    }

    public static byte[] list(List<Entry> entries) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        ArrayNode data = root.putArray("data");
        entries.forEach(e -> data.add(node(e)));
        root.put("has_more", false);
        if (entries.isEmpty()) {
            root.putNull("first_id");
            root.putNull("last_id");
        } else {
            root.put("first_id", entries.get(0).id());
            root.put("last_id", entries.get(entries.size() - 1).id());
        }
        return root.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A page for bare ids: each id is its own display name, all created at {@code createdAt}. */
    public static byte[] listOfIds(List<String> ids, Instant createdAt) {
        return list(ids.stream().map(id -> Entry.of(id, createdAt)).toList());
    }

    public static byte[] one(Entry entry) {
        return node(entry).toString().getBytes(StandardCharsets.UTF_8);
    }

    private static ObjectNode node(Entry e) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("type", "model");
        n.put("id", e.id());
        n.put("display_name", e.displayName());
        n.put("created_at", e.createdAt().toString());
        n.put("lifecycle", "active");
        return n;
    }
}
