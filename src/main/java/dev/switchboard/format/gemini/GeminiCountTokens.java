package dev.switchboard.format.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.format.Dropped;
import dev.switchboard.model.ErrorKind;
import dev.switchboard.model.GatewayError;
import dev.switchboard.model.chat.ChatRequest;
import java.nio.charset.StandardCharsets;

/**
 * {@code models/{model}:countTokens}: the request is either {@code {contents}} or
 * {@code {generateContentRequest: {model, contents, systemInstruction, tools, …}}}; the answer is
 * {@code {"totalTokens": N}}.
 */
public final class GeminiCountTokens {
    private GeminiCountTokens() {}

    /** A client's countTokens body as the canonical request whose prompt is to be counted. */
    public static ChatRequest decode(byte[] body, String pathModel) {
        ObjectNode root = GeminiJson.clientObject(body);
        ObjectNode inner = GeminiJson.objectField(root, "generateContentRequest", "generateContentRequest");
        ObjectNode request = inner != null ? inner : root;
        String model = GeminiRequestDecoder.bareModel(pathModel != null ? pathModel
                : GeminiJson.text(request, "model", "generateContentRequest.model"));
        if (model == null || model.isEmpty()) {
            throw GatewayError.invalid("the model is missing from the URL path (models/{model}:countTokens)", "model");
        }
        if (inner == null && !GeminiJson.has(root, "contents")) {
            throw GatewayError.invalid("countTokens needs 'contents' or 'generateContentRequest'", "contents");
        }
        return GeminiRequestDecoder.decode(request, model, false);
    }

    /** A countTokens body for a Gemini upstream; the full request form, so system and tools count too. */
    public static byte[] encode(ChatRequest request, Dropped dropped) {
        ObjectNode inner = GeminiRequestEncoder.encode(request, dropped);
        inner.put("model", "models/" + GeminiRequestDecoder.bareModel(request.model()));
        ObjectNode root = GeminiJson.object();
        root.set("generateContentRequest", inner);
        return GeminiJson.bytes(root);
    }

    public static byte[] render(long totalTokens) {
        return GeminiJson.bytes(GeminiJson.object().put("totalTokens", totalTokens));
    }

    /** The count in an upstream's countTokens answer. */
    public static long parseTotal(byte[] body) {
        JsonNode root = GeminiJson.tryParse(new String(body, StandardCharsets.UTF_8));
        JsonNode total = GeminiJson.get(root, "totalTokens");
        if (total == null || !total.canConvertToLong()) {
            throw new GatewayError(ErrorKind.UPSTREAM_ERROR, "Gemini countTokens answer has no totalTokens");
        }
        return total.asLong();
    }
}
