package dev.switchboard.format.responses;

import static dev.switchboard.format.openai.JsonFields.absent;
import static dev.switchboard.format.openai.OpenAiTools.Shape.FLAT;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.format.openai.JsonFields;
import dev.switchboard.format.openai.OpenAiTools;
import dev.switchboard.format.openai.OutputFormats;
import dev.switchboard.model.GatewayError;
import dev.switchboard.model.chat.ChatRequest;
import dev.switchboard.model.chat.ClientFormat;
import dev.switchboard.model.chat.Part;
import dev.switchboard.model.chat.Reasoning;
import dev.switchboard.model.chat.Sampling;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A Responses request body as a canonical request. The gateway answers Responses clients by
 * translating to a chat-style provider, so features that live in OpenAI's server-side state
 * ({@code previous_response_id}, {@code conversation}, stored {@code prompt}s, {@code background}
 * runs) cannot be honoured and are refused with a 400 naming the field, rather than silently
 * answering without the context the client meant.
 */
final class ResponsesRequestDecoder {
    private static final Set<String> KNOWN = Set.of("model", "input", "instructions", "tools", "tool_choice",
            "parallel_tool_calls", "max_output_tokens", "temperature", "top_p", "reasoning", "text", "user", "stream");
    private static final List<String> STATEFUL = List.of("previous_response_id", "conversation", "prompt");

    private ResponsesRequestDecoder() {}

    static ChatRequest decode(ObjectNode root) {
        String model = JsonFields.requireString(root, "model", "model");
        for (String field : STATEFUL) {
            if (!absent(root.get(field))) {
                throw GatewayError.invalid("'" + field + "' refers to state stored at OpenAI and cannot be honoured "
                        + "by the gateway; send the whole conversation in 'input'", field);
            }
        }
        if (Boolean.TRUE.equals(JsonFields.bool(root, "background", "background"))) {
            throw GatewayError.invalid("background responses are not supported by the gateway", "background");
        }
        InputDecoder input = new InputDecoder();
        List<Part> system = new ArrayList<>();
        String instructions = JsonFields.string(root, "instructions", "instructions");
        if (instructions != null && !instructions.isEmpty()) {
            system.add(new Part.Text(instructions));
        }
        input.decode(root.get("input"));
        system.addAll(input.system());
        boolean stream = Boolean.TRUE.equals(JsonFields.bool(root, "stream", "stream"));
        Sampling sampling = new Sampling(JsonFields.number(root, "temperature"), JsonFields.number(root, "top_p"),
                null, null, null, null, null);
        return new ChatRequest(model, system, input.messages(), OpenAiTools.decode(root, FLAT),
                OpenAiTools.decodeChoice(root.get("tool_choice"), FLAT),
                JsonFields.bool(root, "parallel_tool_calls", "parallel_tool_calls"), sampling,
                JsonFields.integer(root, "max_output_tokens"), List.of(), reasoning(root.get("reasoning")),
                OutputFormats.decode(absent(root.get("text")) ? null : JsonFields.object(root.get("text"), "text").get("format"),
                        FLAT, "text.format"), stream, stream, JsonFields.string(root, "user", "user"),
                ClientFormat.OPENAI_RESPONSES, JsonFields.unknown(root, KNOWN), OpenAiTools.providerTools(root, FLAT));
    }

    private static Reasoning reasoning(JsonNode reasoning) {
        if (absent(reasoning)) {
            return null;
        }
        JsonNode o = JsonFields.object(reasoning, "reasoning");
        String effort = JsonFields.string(o, "effort", "reasoning.effort");
        String summary = JsonFields.string(o, "summary", "reasoning.summary");
        if (summary == null) {
            summary = JsonFields.string(o, "generate_summary", "reasoning.generate_summary");
        }
        Boolean thoughts = summary == null ? null : !summary.equals("none");
        if ("none".equals(effort)) {
            return new Reasoning(false, "none", null, thoughts);
        }
        return effort == null && thoughts == null ? null : new Reasoning(true, effort, null, thoughts);
    }

}
