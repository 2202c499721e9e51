package dev.switchboard.format.responses;

import dev.switchboard.format.SignedCallIds;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.format.Json;
import dev.switchboard.format.openai.OpenAiErrors;
import dev.switchboard.format.openai.UsageJson;
import dev.switchboard.model.ErrorKind;
import dev.switchboard.model.GatewayError;
import dev.switchboard.model.chat.ChatRequest;
import dev.switchboard.model.chat.ChatResponse;
import dev.switchboard.model.chat.Choice;
import dev.switchboard.model.chat.Part;
import dev.switchboard.model.chat.StopReason;
import java.util.ArrayList;
import java.util.List;

/**
 * Whole Responses answers ({@code object: "response"}) to and from canonical answers. A Responses
 * answer has no stop reason: calls show as {@code function_call} items, the limit and the content
 * filter as {@code status: incomplete} with {@code incomplete_details.reason}, a refusal as a
 * {@code refusal} content part.
 */
final class ResponsesResponseMapper {
    private ResponsesResponseMapper() {}

    static ChatResponse decode(ObjectNode root) {
        String status = root.path("status").asText("completed");
        if (status.equals("failed") || (root.hasNonNull("error") && !root.has("output"))) {
            JsonNode error = root.path("error");
            throw OpenAiErrors.fromObject(error.isObject() ? error : root, null, "upstream response failed");
        }
        if (!root.path("output").isArray()) {
            throw new GatewayError(ErrorKind.UPSTREAM_ERROR, "upstream answer has no output");
        }
        List<Part> parts = new ArrayList<>();
        boolean refusal = false;
        boolean calls = false;
        for (JsonNode item : root.path("output")) {
            switch (item.path("type").asText("")) {
                case "message" -> {
                    for (JsonNode c : item.path("content")) {
                        boolean isRefusal = c.path("type").asText("").equals("refusal");
                        refusal |= isRefusal;
                        parts.add(new Part.Text(c.path(isRefusal ? "refusal" : "text").asText("")));
                    }
                }
                case "function_call" -> {
                    calls = true;
                    parts.add(new Part.ToolCall(item.path("call_id").asText(""), item.path("name").asText(""),
                            item.path("arguments").asText("{}"), null));
                }
                case "reasoning" -> {
                    Part thinking = InputDecoder.reasoning(item);
                    if (thinking != null) {
                        parts.add(thinking);
                    }
                }
                default -> { } // hosted tool calls and other items have no canonical form
            }
        }
        StopReason stop = status.equals("incomplete")
                ? incompleteReason(root.path("incomplete_details").path("reason").asText(""))
                : calls ? StopReason.TOOL_USE : refusal ? StopReason.REFUSAL : StopReason.END_TURN;
        return new ChatResponse(root.path("id").asText(""), root.path("model").asText(""),
                root.path("created_at").asLong(0), List.of(new Choice(0, parts, stop, null)),
                UsageJson.read(root.get("usage")));
    }

    static StopReason incompleteReason(String reason) {
        return reason.equals("content_filter") ? StopReason.CONTENT_FILTER : StopReason.MAX_TOKENS;
    }

    static ObjectNode encode(ChatResponse response, ChatRequest request) {
        Choice choice = response.first();
        String id = OutputItems.responseId(response.id());
        ArrayNode output = Json.MAPPER.createArrayNode();
        ObjectNode message = null;
        String status = ResponseEnvelope.status(choice.stopReason());
        for (Part p : choice.parts()) {
            int index = output.size();
            switch (p) {
                case Part.Text t -> {
                    if (message == null) {
                        message = OutputItems.message(OutputItems.id("msg", id, index), status);
                        output.add(message);
                    }
                    ((ArrayNode) message.get("content")).add(choice.stopReason() == StopReason.REFUSAL
                            ? OutputItems.refusal(t.text()) : OutputItems.outputText(t.text()));
                    continue;
                }
                case Part.ToolCall c -> output.add(OutputItems.functionCall(OutputItems.id("fc", id, index), SignedCallIds.wireId(c),
                        c.name(), c.argsJson(), status));
                case Part.Thinking th -> output.add(OutputItems.reasoning(OutputItems.id("rs", id, index), th.text(),
                        th.signature()));
                case Part.RedactedThinking r -> output.add(OutputItems.reasoning(OutputItems.id("rs", id, index), null,
                        r.data()));
                default -> { } // an answer holds no images, audio, documents or tool results
            }
            message = null;
        }
        return ResponseEnvelope.build(id, response.created(), response.model(), status, choice.stopReason(), request,
                output, response.usage());
    }
}
