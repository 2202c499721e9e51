package dev.switchboard.format.openai;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.format.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The {@code GET /v1/models} list and single-model shapes. */
public final class OpenAiModels {
    private OpenAiModels() {}

    /** @param ownedBy the provider name, or "switchboard" for an alias */
    public record Entry(String id, String ownedBy, long created) {}

    public static byte[] list(List<Entry> entries) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("object", "list");
        ArrayNode data = root.putArray("data");
        for (Entry e : entries) {
            data.add(node(e));
        }
        return root.toString().getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] one(Entry entry) {
        return node(entry).toString().getBytes(StandardCharsets.UTF_8);
    }

    private static ObjectNode node(Entry e) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("id", e.id());
        n.put("object", "model");
        n.put("created", e.created());
        n.put("owned_by", e.ownedBy());
        return n;
    }
}
