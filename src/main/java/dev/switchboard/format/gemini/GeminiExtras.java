package dev.switchboard.format.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.format.Dropped;
import dev.switchboard.model.chat.ChatRequest;
import dev.switchboard.model.chat.ClientFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * Gemini fields with no canonical slot, kept in {@link ChatRequest#extras()} so a Gemini → Gemini
 * translation loses nothing. A plain key is a top-level field ({@code safetySettings}); a dotted key
 * is a field of a nested object ({@code generationConfig.responseModalities},
 * {@code toolConfig.retrievalConfig}). Other formats' encoders list these names as dropped. (Built-in
 * tools are not extras but {@link dev.switchboard.model.chat.ProviderTool}s, which other formats refuse.)
 */
final class GeminiExtras {
    private GeminiExtras() {}

    static void keep(Map<String, String> extras, String key, JsonNode value) {
        extras.put(key, GeminiJson.write(value));
    }

    /** Puts back the extras of a request that came from a Gemini client; names any other as dropped. */
    static void apply(ChatRequest request, ObjectNode root, Dropped dropped) {
        Map<String, String> sorted = new TreeMap<>(request.extras());
        if (request.source() != ClientFormat.GEMINI) {
            sorted.keySet().forEach(dropped::add);
            return;
        }
        for (Map.Entry<String, String> e : sorted.entrySet()) {
            JsonNode value = GeminiJson.tryParse(e.getValue());
            if (value == null) {
                dropped.add(e.getKey());
                continue;
            }
            String key = e.getKey();
            if (key.indexOf('.') > 0) {
                String parent = key.substring(0, key.indexOf('.'));
                root.withObjectProperty(parent).set(key.substring(key.indexOf('.') + 1), value);
            } else if (!root.has(key)) {
                root.set(key, value);
            }
        }
    }
}
