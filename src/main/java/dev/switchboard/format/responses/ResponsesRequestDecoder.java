package dev.switchboard.format.responses;

import static dev.switchboard.format.openai.JsonFields.absent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.format.openai.JsonFields;
import dev.switchboard.model.GatewayError;
import dev.switchboard.model.chat.ChatRequest;
import dev.switchboard.model.chat.ClientFormat;
import dev.switchboard.model.chat.Part;
import dev.switchboard.model.chat.Reasoning;
import dev.switchboard.model.chat.ResponseFormat;
import dev.switchboard.model.chat.Sampling;
import dev.switchboard.model.chat.ToolChoice;
import dev.switchboard.model.chat.ToolDef;
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
        return new ChatRequest(model, system, input.messages(), tools(root), toolChoice(root.get("tool_choice")),
                JsonFields.bool(root, "parallel_tool_calls", "parallel_tool_calls"), sampling,
                JsonFields.integer(root, "max_output_tokens"), List.of(), reasoning(root.get("reasoning")),
                textFormat(root.get("text")), stream, stream, JsonFields.string(root, "user", "user"),
                ClientFormat.OPENAI_RESPONSES, JsonFields.unknown(root, KNOWN));
    }

    private static List<ToolDef> tools(JsonNode root) {
        List<JsonNode> items = JsonFields.array(root, "tools", "tools");
        List<ToolDef> tools = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            String path = "tools[" + i + "]";
            JsonNode tool = JsonFields.object(items.get(i), path);
            String type = JsonFields.requireString(tool, "type", path + ".type");
            if (!type.equals("function")) {
                throw GatewayError.invalid("only function tools can be translated, not '" + type + "'", path + ".type");
            }
            tools.add(new ToolDef(JsonFields.requireString(tool, "name", path + ".name"),
                    JsonFields.string(tool, "description", path + ".description"),
                    JsonFields.raw(tool.get("parameters")), JsonFields.bool(tool, "strict", path + ".strict")));
        }
        return tools;
    }

    private static ToolChoice toolChoice(JsonNode choice) {
        if (absent(choice)) {
            return null;
        }
        if (choice.isTextual()) {
            return switch (choice.textValue()) {
                case "none" -> new ToolChoice.None();
                case "auto" -> new ToolChoice.Auto();
                case "required" -> new ToolChoice.Required();
                default -> throw GatewayError.invalid("tool_choice must be none, auto, required or a function", "tool_choice");
            };
        }
        JsonNode o = JsonFields.object(choice, "tool_choice");
        if (!"function".equals(o.path("type").asText())) {
            throw GatewayError.invalid("only function tool choices can be translated", "tool_choice.type");
        }
        return new ToolChoice.Named(JsonFields.requireString(o, "name", "tool_choice.name"));
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

    private static ResponseFormat textFormat(JsonNode text) {
        if (absent(text)) {
            return null;
        }
        JsonNode format = JsonFields.object(text, "text").get("format");
        if (absent(format)) {
            return null;
        }
        JsonNode o = JsonFields.object(format, "text.format");
        String type = JsonFields.requireString(o, "type", "text.format.type");
        return switch (type) {
            case "text" -> new ResponseFormat.Text();
            case "json_object" -> new ResponseFormat.JsonObject();
            case "json_schema" -> new ResponseFormat.JsonSchema(JsonFields.string(o, "name", "text.format.name"),
                    JsonFields.raw(o.get("schema")), JsonFields.bool(o, "strict", "text.format.strict"));
            default -> throw GatewayError.invalid("unsupported text.format type '" + type + "'", "text.format.type");
        };
    }
}
