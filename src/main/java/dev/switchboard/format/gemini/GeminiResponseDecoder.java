package dev.switchboard.format.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.model.ErrorKind;
import dev.switchboard.model.GatewayError;
import dev.switchboard.model.Usage;
import dev.switchboard.model.chat.ChatResponse;
import dev.switchboard.model.chat.Choice;
import dev.switchboard.model.chat.Part;
import dev.switchboard.model.chat.StopReason;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * An upstream's {@code GenerateContentResponse} as a canonical answer. Gemini gives no creation
 * time, so the clock supplies it; a prompt blocked before any candidate was made is one empty choice
 * stopped by the content filter.
 */
final class GeminiResponseDecoder {
    private GeminiResponseDecoder() {}

    static ChatResponse decode(byte[] body, Clock clock) {
        String text = new String(body, StandardCharsets.UTF_8);
        JsonNode root = GeminiJson.tryParse(text);
        if (root == null || !root.isObject()) {
            throw new GatewayError(ErrorKind.UPSTREAM_ERROR, "Gemini answered with a body that is not a JSON object");
        }
        if (root.get("error") != null && root.get("error").isObject()) {
            GatewayError e = GeminiErrors.fromErrorObject(root.get("error"), 502);
            throw new GatewayError(ErrorKind.UPSTREAM_ERROR, e.getMessage(), null, e.code());
        }
        String responseId = textOrNull(GeminiJson.get(root, "responseId"));
        String model = textOrNull(GeminiJson.get(root, "modelVersion"));
        try {
            List<Choice> choices = choices(root, GeminiCallIds.forResponse(responseId, text));
            Usage usage = GeminiUsage.read(GeminiJson.get(root, "usageMetadata"));
            String id = responseId != null ? responseId : "gemini-" + GeminiCallIds.hash(text);
            return new ChatResponse(id, model == null ? "" : model, clock.instant().getEpochSecond(), choices, usage);
        } catch (GatewayError e) {
            throw new GatewayError(ErrorKind.UPSTREAM_ERROR, "Gemini answer is malformed: " + e.getMessage());
        }
    }

    private static List<Choice> choices(JsonNode root, GeminiCallIds ids) {
        GeminiPartReader reader = new GeminiPartReader(ids, false);
        List<JsonNode> candidates = GeminiJson.array(root, "candidates", "candidates");
        List<Choice> out = new ArrayList<>(candidates.size());
        for (int i = 0; i < candidates.size(); i++) {
            JsonNode c = candidates.get(i);
            JsonNode content = GeminiJson.get(c, "content");
            List<Part> parts = content == null ? List.of()
                    : reader.modelParts(GeminiJson.array(content, "parts", "content.parts"), "candidates[" + i + "]", i);
            boolean calledTools = parts.stream().anyMatch(p -> p instanceof Part.ToolCall);
            JsonNode index = GeminiJson.get(c, "index");
            out.add(new Choice(index != null && index.canConvertToInt() ? index.asInt() : i, parts,
                    GeminiFinishReasons.decode(textOrNull(GeminiJson.get(c, "finishReason")), calledTools), null));
        }
        if (out.isEmpty() && GeminiJson.get(GeminiJson.get(root, "promptFeedback"), "blockReason") != null) {
            out.add(new Choice(0, List.of(), StopReason.CONTENT_FILTER, null));
        }
        return out;
    }

    static String textOrNull(JsonNode n) {
        return n != null && n.isTextual() ? n.asText() : null;
    }
}
