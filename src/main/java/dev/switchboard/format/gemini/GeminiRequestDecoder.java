package dev.switchboard.format.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.model.GatewayError;
import dev.switchboard.model.chat.ChatRequest;
import dev.switchboard.model.chat.ClientFormat;
import dev.switchboard.model.chat.Message;
import dev.switchboard.model.chat.Part;
import dev.switchboard.model.chat.Role;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;
import java.util.Set;

/** A Gemini {@code GenerateContentRequest} (camelCase or snake_case) as a canonical request. */
final class GeminiRequestDecoder {
    private static final Set<String> KNOWN = Set.of("contents", "systemInstruction", "tools", "toolConfig",
            "generationConfig", "model");

    private GeminiRequestDecoder() {}

    static ChatRequest decode(ObjectNode root, String model, boolean stream) {
        if (!GeminiJson.has(root, "contents")) {
            throw GatewayError.invalid("'contents' is required", "contents");
        }
        Map<String, String> extras = new HashMap<>();
        List<Message> messages = messages(GeminiJson.array(root, "contents", "contents"));
        List<Part> system = system(GeminiJson.get(root, "systemInstruction"));
        GeminiTools.Decoded tools = GeminiTools.decode(root, extras);
        GeminiGeneration.Settings gen = GeminiGeneration.decode(
                GeminiJson.objectField(root, "generationConfig", "generationConfig"), extras);
        for (Entry<String, JsonNode> e : root.properties()) {
            String name = GeminiJson.camel(e.getKey());
            if (!KNOWN.contains(name) && !e.getValue().isNull()) {
                GeminiExtras.keep(extras, name, e.getValue());
            }
        }
        return new ChatRequest(model, system, messages, tools.tools(), tools.choice(), null, gen.sampling(),
                gen.maxTokens(), gen.stop(), gen.reasoning(), gen.responseFormat(), stream, true, null,
                ClientFormat.GEMINI, extras, tools.builtIn());
    }

    /** The model named in a body ({@code models/x} or {@code x}), for countTokens' inner request. */
    static String bareModel(String name) {
        if (name == null) {
            return null;
        }
        return name.startsWith("models/") ? name.substring("models/".length()) : name;
    }

    private static List<Message> messages(List<JsonNode> contents) {
        GeminiPartReader reader = new GeminiPartReader(GeminiCallIds.forRequest(), true);
        List<Message> out = new ArrayList<>(contents.size());
        for (int i = 0; i < contents.size(); i++) {
            JsonNode content = contents.get(i);
            String path = "contents[" + i + "]";
            if (!content.isObject()) {
                throw GatewayError.invalid("'" + path + "' must be an object", path);
            }
            String role = GeminiJson.text(content, "role", path + ".role");
            List<JsonNode> parts = GeminiJson.array(content, "parts", path + ".parts");
            if (parts.isEmpty()) {
                throw GatewayError.invalid("'" + path + ".parts' must not be empty", path + ".parts");
            }
            switch (role == null ? "user" : role) {
                case "model" -> out.add(new Message(Role.ASSISTANT, reader.modelParts(parts, path + ".parts", i)));
                case "user", "function" -> out.addAll(reader.userMessages(parts, path + ".parts", i));
                default -> throw GatewayError.invalid("'" + path + ".role' must be 'user' or 'model'", path + ".role");
            }
        }
        return out;
    }

    private static List<Part> system(JsonNode instruction) {
        if (instruction == null) {
            return List.of();
        }
        if (instruction.isTextual()) {
            return List.of(new Part.Text(instruction.asText()));
        }
        if (!instruction.isObject()) {
            throw GatewayError.invalid("'systemInstruction' must be a Content object", "systemInstruction");
        }
        return GeminiPartReader.systemParts(GeminiJson.array(instruction, "parts", "systemInstruction.parts"),
                "systemInstruction.parts");
    }
}
