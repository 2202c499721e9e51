package dev.switchboard.format.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.format.Dropped;
import dev.switchboard.format.Json;
import dev.switchboard.model.ErrorKind;
import dev.switchboard.model.GatewayError;
import dev.switchboard.model.chat.ChatRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code POST /v1/messages/count_tokens}: the body of a messages request without {@code max_tokens}
 * (nor sampling, stop sequences, metadata or {@code stream}), answered with
 * {@code {"input_tokens": N}}.
 */
public final class AnthropicCountTokens {
    /** Messages fields that count_tokens does not take. */
    private static final List<String> NOT_COUNTED = List.of("max_tokens", "stream", "stop_sequences", "temperature",
            "top_p", "top_k", "metadata");

    private AnthropicCountTokens() {}

    /** A client's count_tokens body as a canonical request (never streamed, no token limit). */
    public static ChatRequest decodeRequest(byte[] body) {
        ObjectNode root = AnthropicJson.clientObject(body);
        NOT_COUNTED.forEach(root::remove);
        return AnthropicRequestDecoder.decode(root);
    }

    /** The body to ask an Anthropic upstream to count a canonical request's input. */
    public static byte[] encodeRequest(ChatRequest request, Dropped dropped) {
        ObjectNode root = AnthropicRequestEncoder.toJson(request, dropped);
        NOT_COUNTED.forEach(root::remove);
        return root.toString().getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] encodeResponse(long inputTokens) {
        return Json.MAPPER.createObjectNode().put("input_tokens", inputTokens).toString()
                .getBytes(StandardCharsets.UTF_8);
    }

    /** The count in an upstream's count_tokens answer. */
    public static long decodeResponse(byte[] body) {
        JsonNode n = AnthropicJson.upstreamObject(body).get("input_tokens");
        if (n == null || !n.isIntegralNumber()) {
            throw new GatewayError(ErrorKind.UPSTREAM_ERROR, "Upstream count_tokens answer has no input_tokens");
        }
        return n.longValue();
    }
}
