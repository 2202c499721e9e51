package dev.switchboard.format.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** {@code GET /v1beta/models} and {@code GET /v1beta/models/{id}} in Gemini's shape. */
public final class GeminiModels {
    private static final List<String> CHAT_METHODS = List.of("generateContent", "streamGenerateContent", "countTokens");
    private static final List<String> EMBEDDING_METHODS = List.of("embedContent", "batchEmbedContents");

    private GeminiModels() {}

    /** One model; {@code methods} are Gemini's supportedGenerationMethods. */
    public record Entry(String id, String displayName, List<String> methods) {
        public Entry {
            Objects.requireNonNull(id, "id");
            displayName = displayName == null ? id : displayName;
            methods = List.copyOf(methods);
        }

        public static Entry chat(String id) {
            return new Entry(id, id, CHAT_METHODS);
        }

        public static Entry embedding(String id) {
            return new Entry(id, id, EMBEDDING_METHODS);
        }
    }

    public static byte[] list(List<Entry> entries) {
        ObjectNode root = GeminiJson.object();
        ArrayNode models = root.putArray("models");
        entries.forEach(e -> models.add(node(e)));
        return GeminiJson.bytes(root);
    }

    public static byte[] one(Entry entry) {
        return GeminiJson.bytes(node(entry));
    }

    /** The model ids (without {@code models/}) of an upstream's list answer; empty when it has none. */
    public static List<String> parseIds(byte[] body) {
        JsonNode root = GeminiJson.tryParse(new String(body, StandardCharsets.UTF_8));
        JsonNode models = GeminiJson.get(root, "models");
        List<String> ids = new ArrayList<>();
        if (models != null && models.isArray()) {
            for (JsonNode m : models) {
                JsonNode name = m.get("name");
                if (name != null && name.isTextual()) {
                    ids.add(GeminiRequestDecoder.bareModel(name.asText()));
                }
            }
        }
        return ids;
    }

    private static ObjectNode node(Entry e) {
        ObjectNode n = GeminiJson.object();
        n.put("name", "models/" + e.id());
        n.put("displayName", e.displayName());
        e.methods().forEach(n.putArray("supportedGenerationMethods")::add);
        return n;
    }
}
