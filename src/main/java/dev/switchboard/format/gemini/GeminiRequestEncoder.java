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
        signUnsignedCallsOfTheCurrentTurn(contents);
        return contents;
    }

    /**
     * Gemini 3 refuses a request whose current turn (everything after the last user prompt) has a model
     * step whose first function call carries no thought signature. Calls another provider made (a tool
     * loop that failed over to Gemini, or a history moved from another model) never had one; Google
     * documents this placeholder for exactly that case. Calls Gemini made keep their own signature.
     */
    static final String UNSIGNED_CALL = "skip_thought_signature_validator";

    private static void signUnsignedCallsOfTheCurrentTurn(ArrayNode contents) {
        int turnStart = 0;
        for (int i = contents.size() - 1; i >= 0; i--) {
            if (isUserPrompt(contents.get(i))) {
                turnStart = i + 1;
                break;
            }
        }
        for (int i = turnStart; i < contents.size(); i++) {
            JsonNode content = contents.get(i);
            if (!"model".equals(content.path("role").asText())) {
                continue;
            }
            for (JsonNode part : content.path("parts")) {
                if (part.has("functionCall")) {
                    if (!part.has("thoughtSignature")) {
                        ((ObjectNode) part).put("thoughtSignature", UNSIGNED_CALL);
                    }
                    break; // only a step's first call is signed
                }
            }
        }
    }

    /** A user entry with anything but function responses: what starts a new turn. */
    private static boolean isUserPrompt(JsonNode content) {
        if (!"user".equals(content.path("role").asText())) {
            return false;
        }
        for (JsonNode part : content.path("parts")) {
            if (!part.has("functionResponse")) {
                return true;
            }
        }
        return false;
    }
}
