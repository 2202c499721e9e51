package dev.switchboard.format.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.format.Dropped;
import dev.switchboard.model.GatewayError;
import dev.switchboard.model.chat.ChatRequest;
import dev.switchboard.model.chat.Message;
import dev.switchboard.model.chat.Part;
import dev.switchboard.model.chat.Role;
import java.util.Map;

/**
 * A canonical request as a Gemini {@code GenerateContentRequest}. The model and the stream flag go in
 * the URL, not the body. Tool results fold into the user turn: consecutive messages that map to the
 * same Gemini role become one {@code contents} entry, as Gemini wants turns to alternate.
 */
final class GeminiRequestEncoder {
    private GeminiRequestEncoder() {}

    static ObjectNode encode(ChatRequest r, Dropped dropped) {
        ObjectNode root = GeminiJson.object();
        root.set("contents", contents(r, dropped));
        if (!r.system().isEmpty()) {
            ArrayNode parts = root.putObject("systemInstruction").putArray("parts");
            for (int j = 0; j < r.system().size(); j++) {
                if (!(r.system().get(j) instanceof Part.Text t)) {
                    throw GatewayError.invalid("Gemini takes only text as system instructions", "system[" + j + "]");
                }
                parts.addObject().put("text", t.text());
            }
        }
        GeminiTools.encode(r, root, dropped);
        ObjectNode gc = GeminiGeneration.encode(r, dropped);
        if (gc != null) {
            root.set("generationConfig", gc);
        }
        if (r.user() != null) {
            dropped.add("user");
        }
        GeminiExtras.apply(r, root, dropped);
        return root;
    }

    private static ArrayNode contents(ChatRequest r, Dropped dropped) {
        GeminiPartWriter writer = new GeminiPartWriter(dropped, true);
        Map<String, String> names = GeminiCallIds.namesById(r.messages());
        ArrayNode contents = GeminiJson.array();
        for (int i = 0; i < r.messages().size(); i++) {
            Message m = r.messages().get(i);
            String path = "messages[" + i + "]";
            String role = m.role() == Role.ASSISTANT ? "model" : "user";
            ArrayNode parts = GeminiJson.array();
            switch (m.role()) {
                case ASSISTANT -> writer.modelParts(m.parts(), path + ".content", parts);
                case USER -> writer.userParts(m.parts(), path + ".content", parts);
                case TOOL -> writer.toolResults(m.parts(), names, path + ".content", parts);
            }
            if (parts.isEmpty()) {
                continue;
            }
            JsonNode last = contents.isEmpty() ? null : contents.get(contents.size() - 1);
            if (last != null && role.equals(last.get("role").asText())) {
                ((ArrayNode) last.get("parts")).addAll(parts);
            } else {
                ObjectNode content = contents.addObject().put("role", role);
                content.set("parts", parts);
            }
        }
        if (contents.isEmpty()) {
            throw GatewayError.invalid("the request has no message content for Gemini", "messages");
        }
        return contents;
    }
}
