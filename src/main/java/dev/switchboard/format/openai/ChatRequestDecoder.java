package dev.switchboard.format.openai;

import static dev.switchboard.format.openai.JsonFields.absent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.model.GatewayError;
import dev.switchboard.model.chat.ChatRequest;
import dev.switchboard.model.chat.ClientFormat;
import dev.switchboard.model.chat.Reasoning;
import dev.switchboard.model.chat.ResponseFormat;
import dev.switchboard.model.chat.Sampling;
import dev.switchboard.model.chat.ToolChoice;
import dev.switchboard.model.chat.ToolDef;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** A Chat Completions request body as a canonical request; fields it does not know go to extras. */
final class ChatRequestDecoder {
    private static final Set<String> KNOWN = Set.of("model", "messages", "tools", "tool_choice",
            "parallel_tool_calls", "max_tokens", "max_completion_tokens", "stop", "temperature", "top_p", "top_k", "n",
            "seed", "presence_penalty", "frequency_penalty", "user", "reasoning_effort", "response_format", "stream",
            "stream_options");

    private ChatRequestDecoder() {}

    static ChatRequest decode(ObjectNode root) {
        String model = JsonFields.requireString(root, "model", "model");
        if (!root.has("messages")) {
            throw GatewayError.invalid("missing required parameter: 'messages'", "messages");
        }
        ChatMessagesDecoder messages = new ChatMessagesDecoder();
        messages.decode(JsonFields.array(root, "messages", "messages"));
        Integer maxCompletion = JsonFields.integer(root, "max_completion_tokens");
        boolean stream = Boolean.TRUE.equals(JsonFields.bool(root, "stream", "stream"));
        JsonNode options = root.get("stream_options");
        boolean includeUsage = stream && !absent(options)
                && Boolean.TRUE.equals(JsonFields.bool(JsonFields.object(options, "stream_options"), "include_usage",
                        "stream_options.include_usage"));
        Sampling sampling = new Sampling(JsonFields.number(root, "temperature"), JsonFields.number(root, "top_p"),
                JsonFields.integer(root, "top_k"), JsonFields.longValue(root, "seed"), JsonFields.integer(root, "n"),
                JsonFields.number(root, "presence_penalty"), JsonFields.number(root, "frequency_penalty"));
        return new ChatRequest(model, messages.system(), messages.messages(), tools(root),
                toolChoice(root.get("tool_choice")), JsonFields.bool(root, "parallel_tool_calls", "parallel_tool_calls"),
                sampling, maxCompletion != null ? maxCompletion : JsonFields.integer(root, "max_tokens"),
                JsonFields.stringOrStrings(root, "stop"), reasoning(JsonFields.string(root, "reasoning_effort", "reasoning_effort")),
                responseFormat(root.get("response_format")), stream, includeUsage,
                JsonFields.string(root, "user", "user"), ClientFormat.OPENAI_CHAT, JsonFields.unknown(root, KNOWN));
    }

    /** {@code none} is an explicit "do not reason" (gpt-5.1 and later) and stays so for same-family targets. */
    static Reasoning reasoning(String effort) {
        if (effort == null) {
            return null;
        }
        return effort.equals("none") ? new Reasoning(false, "none", null, null) : new Reasoning(true, effort, null, null);
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
            JsonNode fn = JsonFields.object(tool.get("function"), path + ".function");
            tools.add(new ToolDef(JsonFields.requireString(fn, "name", path + ".function.name"),
                    JsonFields.string(fn, "description", path + ".function.description"),
                    JsonFields.raw(fn.get("parameters")), JsonFields.bool(fn, "strict", path + ".function.strict")));
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
        return new ToolChoice.Named(JsonFields.requireString(JsonFields.object(o.get("function"), "tool_choice.function"),
                "name", "tool_choice.function.name"));
    }

    private static ResponseFormat responseFormat(JsonNode format) {
        if (absent(format)) {
            return null;
        }
        JsonNode o = JsonFields.object(format, "response_format");
        String type = JsonFields.requireString(o, "type", "response_format.type");
        return switch (type) {
            case "text" -> new ResponseFormat.Text();
            case "json_object" -> new ResponseFormat.JsonObject();
            case "json_schema" -> {
                JsonNode schema = JsonFields.object(o.get("json_schema"), "response_format.json_schema");
                yield new ResponseFormat.JsonSchema(JsonFields.string(schema, "name", "response_format.json_schema.name"),
                        JsonFields.raw(schema.get("schema")),
                        JsonFields.bool(schema, "strict", "response_format.json_schema.strict"));
            }
            default -> throw GatewayError.invalid("unsupported response_format type '" + type + "'", "response_format.type");
        };
    }
}
