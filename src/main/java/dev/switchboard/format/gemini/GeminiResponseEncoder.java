package dev.switchboard.format.gemini;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.model.chat.ChatResponse;
import dev.switchboard.model.chat.Choice;

/** A canonical answer as the {@code GenerateContentResponse} a Gemini client parses. */
final class GeminiResponseEncoder {
    private GeminiResponseEncoder() {}

    static ObjectNode encode(ChatResponse response) {
        ObjectNode root = GeminiJson.object();
        ArrayNode candidates = root.putArray("candidates");
        GeminiPartWriter writer = new GeminiPartWriter(null, false);
        for (Choice choice : response.choices()) {
            ObjectNode c = candidates.addObject();
            ObjectNode content = c.putObject("content");
            content.put("role", "model");
            ArrayNode parts = GeminiJson.array();
            writer.modelParts(choice.parts(), "choices[" + choice.index() + "]", parts);
            if (!parts.isEmpty()) {
                content.set("parts", parts);
            }
            c.put("finishReason", GeminiFinishReasons.encode(choice.stopReason()));
            c.put("index", choice.index());
        }
        root.set("usageMetadata", GeminiUsage.write(response.usage()));
        root.put("modelVersion", response.model());
        root.put("responseId", response.id());
        return root;
    }
}
