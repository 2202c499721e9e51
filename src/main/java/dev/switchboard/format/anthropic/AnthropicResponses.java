package dev.switchboard.format.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.format.JsonText;
import dev.switchboard.format.SignedCallIds;
import dev.switchboard.model.ErrorKind;
import dev.switchboard.model.GatewayError;
import dev.switchboard.model.chat.ChatRequest;
import dev.switchboard.model.chat.ChatResponse;
import dev.switchboard.model.chat.Choice;
import dev.switchboard.model.chat.Part;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * A complete Anthropic {@code Message} and canonical {@link ChatResponse}. Anthropic answers carry no
 * creation time, so decoding stamps the clock's. Blocks of server tools (web search results, code
 * execution …) have no canonical form and are skipped: the answer arrived and its text still counts.
 */
final class AnthropicResponses {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private AnthropicResponses() {}

    static ChatResponse decode(byte[] body, Clock clock) {
        ObjectNode root = AnthropicJson.upstreamObject(body);
        if ("error".equals(AnthropicJson.textOrNull(root, "type")) || root.get("error") instanceof ObjectNode) {
            throw AnthropicErrors.decode(502, body);
        }
        String id = AnthropicJson.textOrNull(root, "id");
        JsonNode content = root.get("content");
        if (id == null || content == null || !content.isArray()) {
            throw new GatewayError(ErrorKind.UPSTREAM_ERROR, "Upstream answer is not an Anthropic message");
        }
        List<Part> parts = new ArrayList<>();
        for (JsonNode block : content) {
            Part p = answerBlock(block);
            if (p != null) {
                parts.add(p);
            }
        }
        Choice choice = new Choice(0, parts, AnthropicStopReasons.decode(AnthropicJson.textOrNull(root, "stop_reason")),
                AnthropicJson.textOrNull(root, "stop_sequence"));
        String model = AnthropicJson.textOrNull(root, "model");
        return new ChatResponse(id, model == null ? "" : model, clock.instant().getEpochSecond(), List.of(choice),
                AnthropicUsage.decode(root.get("usage")));
    }

    /** One block of an answer, leniently: what is not understood is skipped, never fatal. */
    static Part answerBlock(JsonNode b) {
        String type = AnthropicJson.textOrNull(b, "type");
        if (type == null) {
            return null;
        }
        return switch (type) {
            case "text" -> new Part.Text(orEmpty(AnthropicJson.textOrNull(b, "text")));
            case "thinking" -> new Part.Thinking(orEmpty(AnthropicJson.textOrNull(b, "thinking")),
                    AnthropicJson.textOrNull(b, "signature"));
            case "redacted_thinking" -> new Part.RedactedThinking(orEmpty(AnthropicJson.textOrNull(b, "data")));
            case "tool_use" -> {
                String id = AnthropicJson.textOrNull(b, "id");
                String name = AnthropicJson.textOrNull(b, "name");
                JsonNode input = b.get("input");
                yield id == null || name == null ? null
                        : new Part.ToolCall(id, name, input == null || input.isNull() ? "{}" : input.toString(), null);
            }
            default -> null;
        };
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    static byte[] encode(ChatResponse response, ChatRequest request) {
        ObjectNode root = NODES.objectNode();
        root.put("id", response.id());
        root.put("type", "message");
        root.put("role", "assistant");
        String model = response.model() == null || response.model().isEmpty() ? request.model() : response.model();
        root.put("model", model);
        Choice choice = response.first();
        ArrayNode content = root.putArray("content");
        for (Part p : choice.parts()) {
            ObjectNode block = answerBlock(p);
            if (block != null) {
                content.add(block);
            }
        }
        root.put("stop_reason", AnthropicStopReasons.encode(choice.stopReason()));
        AnthropicJson.putNullable(root, "stop_sequence", choice.stopSequence());
        AnthropicUsage.encodeInto(root.putObject("usage"), response.usage());
        return JsonText.utf8(root);
    }

    /**
     * An answer part as a response block, or null for parts an answer cannot hold. Thinking from a
     * provider that signs nothing gets an empty signature (the field is required); should the client
     * send it back to Anthropic, the {@link ThinkingRectifier} strips it.
     */
    static ObjectNode answerBlock(Part p) {
        return switch (p) {
            case Part.Text t -> AnthropicContentEncoder.text(t.text());
            case Part.Thinking th -> NODES.objectNode().put("type", "thinking")
                    .put("thinking", th.text() == null ? "" : th.text())
                    .put("signature", th.signature() == null ? "" : th.signature());
            case Part.RedactedThinking r -> NODES.objectNode().put("type", "redacted_thinking").put("data", r.data());
            case Part.ToolCall call -> withDirectCaller(AnthropicContentEncoder.toolUse(call, SignedCallIds.wireId(call)));
            default -> null;
        };
    }

    /** Current SDKs require {@code caller} on answer tool_use blocks; a model's own call is "direct". */
    static ObjectNode withDirectCaller(ObjectNode toolUse) {
        toolUse.putObject("caller").put("type", "direct");
        return toolUse;
    }
}
