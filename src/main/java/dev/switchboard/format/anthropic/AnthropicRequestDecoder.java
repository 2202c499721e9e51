package dev.switchboard.format.anthropic;

import static dev.switchboard.format.anthropic.AnthropicJson.invalid;
import static dev.switchboard.format.anthropic.AnthropicJson.optArray;
import static dev.switchboard.format.anthropic.AnthropicJson.optBool;
import static dev.switchboard.format.anthropic.AnthropicJson.optInt;
import static dev.switchboard.format.anthropic.AnthropicJson.optNumber;
import static dev.switchboard.format.anthropic.AnthropicJson.optObject;
import static dev.switchboard.format.anthropic.AnthropicJson.optText;
import static dev.switchboard.format.anthropic.AnthropicJson.path;
import static dev.switchboard.format.anthropic.AnthropicJson.reqText;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.format.JsonText;
import dev.switchboard.model.chat.ChatRequest;
import dev.switchboard.model.chat.ClientFormat;
import dev.switchboard.model.chat.Message;
import dev.switchboard.model.chat.Part;
import dev.switchboard.model.chat.ResponseFormat;
import dev.switchboard.model.chat.Sampling;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A client's {@code POST /v1/messages} body as a canonical request. Top-level fields without a
 * canonical slot ({@code service_tier}, {@code container}, {@code cache_control} …) are kept raw in
 * {@code extras} so an Anthropic upstream gets them back. {@code max_tokens} is not enforced here
 * (the encoder supplies a default): a gateway may accept more than the API it speaks.
 */
final class AnthropicRequestDecoder {
    private static final Set<String> KNOWN = Set.of("model", "messages", "system", "max_tokens", "metadata",
            "stop_sequences", "stream", "temperature", "top_p", "top_k", "tools", "tool_choice", "thinking",
            "output_config", "output_format");

    private AnthropicRequestDecoder() {}

    static ChatRequest decode(byte[] body) {
        return decode(AnthropicJson.clientObject(body));
    }

    static ChatRequest decode(ObjectNode root) {
        String model = reqText(root, "model", "");
        List<Part> system = AnthropicContentDecoder.system(root.get("system"));
        List<Message> messages = AnthropicContentDecoder.messages(root.get("messages"), system);
        Integer maxTokens = optInt(root, "max_tokens", "");
        if (maxTokens != null && maxTokens < 1) { // the API reference's minimum: Anthropic refuses 0 too
            throw invalid("max_tokens", "must be at least 1");
        }
        AnthropicTools.Choice choice = AnthropicTools.decodeChoice(root.get("tool_choice"));
        JsonNode outputConfig = optObject(root, "output_config", "");
        Boolean stream = optBool(root, "stream", "");
        return new ChatRequest(
                model,
                system,
                messages,
                AnthropicTools.decode(root.get("tools")),
                choice.choice(),
                choice.parallelToolCalls(),
                new Sampling(optNumber(root, "temperature"), optNumber(root, "top_p"), optInt(root, "top_k", ""),
                        null, null, null, null),
                maxTokens,
                stopSequences(root),
                AnthropicThinking.decode(root.get("thinking"), outputConfig),
                responseFormat(root, outputConfig),
                Boolean.TRUE.equals(stream),
                true, // Anthropic always reports usage, in streams too
                userId(root),
                ClientFormat.ANTHROPIC,
                extras(root),
                AnthropicTools.builtIn(root.get("tools")));
    }

    private static List<String> stopSequences(JsonNode root) {
        List<String> out = new ArrayList<>();
        JsonNode a = optArray(root, "stop_sequences", "");
        if (a != null) {
            for (int i = 0; i < a.size(); i++) {
                if (!a.get(i).isTextual()) {
                    throw invalid(path("stop_sequences", i), "must be a string");
                }
                out.add(a.get(i).textValue());
            }
        }
        return out;
    }

    private static String userId(JsonNode root) {
        JsonNode metadata = optObject(root, "metadata", "");
        return metadata == null ? null : optText(metadata, "user_id", "metadata");
    }

    /**
     * Structured output: {@code output_config.format}, or the deprecated top-level
     * {@code output_format} that Anthropic still accepts during its transition.
     */
    private static ResponseFormat responseFormat(JsonNode root, JsonNode outputConfig) {
        JsonNode format = outputConfig == null ? null : optObject(outputConfig, "format", "output_config");
        String at = "output_config.format";
        if (format == null) {
            format = optObject(root, "output_format", "");
            at = "output_format";
        }
        if (format == null) {
            return null;
        }
        String type = reqText(format, "type", at);
        if (!"json_schema".equals(type)) {
            throw invalid(path(at, "type"), "must be json_schema");
        }
        JsonNode schema = optObject(format, "schema", at);
        if (schema == null) {
            throw invalid(path(at, "schema"), "Field required");
        }
        return new ResponseFormat.JsonSchema(null, schema.toString(), null);
    }

    private static Map<String, String> extras(ObjectNode root) {
        Map<String, String> extras = new LinkedHashMap<>();
        root.properties().forEach(e -> {
            if (!KNOWN.contains(e.getKey())) {
                extras.put(e.getKey(), JsonText.of(e.getValue()));
            }
        });
        return extras;
    }
}
