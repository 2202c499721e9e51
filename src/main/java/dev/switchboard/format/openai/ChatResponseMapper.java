package dev.switchboard.format.openai;

import dev.switchboard.format.SignedCallIds;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.format.Json;
import dev.switchboard.model.ErrorKind;
import dev.switchboard.model.GatewayError;
import dev.switchboard.model.chat.ChatResponse;
import dev.switchboard.model.chat.Choice;
import dev.switchboard.model.chat.Part;
import dev.switchboard.model.chat.StopReason;
import java.util.ArrayList;
import java.util.List;

/**
 * Whole Chat Completions answers ({@code chat.completion}) to and from canonical answers. A
 * refusal travels in {@code message.refusal} with {@code finish_reason: stop}, as OpenAI sends it;
 * thinking has no field in the official answer and is left out of what a client gets, while the
 * {@code reasoning_content} of compatible servers is read as thinking.
 */
final class ChatResponseMapper {
    private ChatResponseMapper() {}

    static ChatResponse decode(ObjectNode root) {
        JsonNode choices = root.get("choices");
        if (choices == null || !choices.isArray()) {
            if (root.get("error") != null) {
                throw OpenAiErrors.fromObject(root.get("error"), null, "upstream answered with an error");
            }
            throw new GatewayError(ErrorKind.UPSTREAM_ERROR, "upstream answer has no choices");
        }
        List<Choice> out = new ArrayList<>(choices.size());
        for (JsonNode c : choices) {
            out.add(choice(c));
        }
        return new ChatResponse(root.path("id").asText(""), root.path("model").asText(""),
                root.path("created").asLong(0), out, UsageJson.read(root.get("usage")));
    }

    private static Choice choice(JsonNode c) {
        JsonNode msg = c.path("message");
        List<Part> parts = new ArrayList<>();
        String reasoning = msg.path("reasoning_content").asText("");
        if (!reasoning.isEmpty()) {
            parts.add(new Part.Thinking(reasoning, null));
        }
        JsonNode content = msg.get("content");
        if (content != null && content.isTextual() && !content.textValue().isEmpty()) {
            parts.add(new Part.Text(content.textValue()));
        } else if (content != null && content.isArray()) {
            content.forEach(p -> parts.add(new Part.Text(p.path("text").asText(""))));
        }
        StopReason stop = ChatFinishReasons.decode(c.path("finish_reason").asText(null));
        String refusal = msg.path("refusal").asText("");
        if (!refusal.isEmpty()) {
            parts.add(new Part.Text(refusal));
            stop = stop == StopReason.END_TURN ? StopReason.REFUSAL : stop;
        }
        for (JsonNode call : msg.path("tool_calls")) {
            JsonNode fn = call.path("function");
            JsonNode args = fn.get("arguments");
            parts.add(new Part.ToolCall(call.path("id").asText(""), fn.path("name").asText(""),
                    args == null || args.isNull() ? "{}" : args.isTextual() ? args.textValue() : args.toString(), null));
        }
        return new Choice(c.path("index").asInt(0), parts, stop, null);
    }

    static ObjectNode encode(ChatResponse response) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("id", response.id());
        root.put("object", "chat.completion");
        root.put("created", response.created());
        root.put("model", response.model());
        ArrayNode choices = root.putArray("choices");
        for (Choice c : response.choices()) {
            choices.add(choice(c));
        }
        root.set("usage", UsageJson.chat(response.usage()));
        return root;
    }

    private static ObjectNode choice(Choice c) {
        ObjectNode choice = Json.MAPPER.createObjectNode().put("index", c.index());
        ObjectNode msg = choice.putObject("message").put("role", "assistant");
        StringBuilder text = new StringBuilder();
        ArrayNode calls = Json.MAPPER.createArrayNode();
        for (Part p : c.parts()) {
            if (p instanceof Part.Text t) {
                text.append(t.text());
            } else if (p instanceof Part.ToolCall call) {
                ObjectNode tc = calls.addObject().put("id", SignedCallIds.wireId(call)).put("type", "function");
                tc.putObject("function").put("name", call.name()).put("arguments", call.argsJson());
            }
        }
        boolean refusal = c.stopReason() == StopReason.REFUSAL;
        if (refusal || (text.isEmpty() && !calls.isEmpty())) {
            msg.putNull("content");
        } else {
            msg.put("content", text.toString());
        }
        if (refusal) {
            msg.put("refusal", text.toString());
        } else {
            msg.putNull("refusal");
        }
        if (!calls.isEmpty()) {
            msg.set("tool_calls", calls);
        }
        choice.putNull("logprobs");
        choice.put("finish_reason", refusal ? "stop" : ChatFinishReasons.encode(c.stopReason()));
        return choice;
    }
}
