package dev.switchboard.format.openai;

import static dev.switchboard.format.openai.JsonFields.absent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.format.Json;
import dev.switchboard.model.GatewayError;
import dev.switchboard.model.chat.ChatRequest;
import dev.switchboard.model.chat.ToolChoice;
import dev.switchboard.model.chat.ToolDef;
import java.util.ArrayList;
import java.util.List;

/**
 * Function tools and tool choice in both OpenAI shapes: Chat Completions nests the function
 * ({@code {type, function: {name, …}}}), Responses flattens it ({@code {type, name, …}}). Only
 * function tools translate to other providers; built-in tools are refused naming their index.
 */
public final class OpenAiTools {
    /** The two shapes. */
    public enum Shape {
        NESTED,
        FLAT
    }

    private OpenAiTools() {}

    public static List<ToolDef> decode(JsonNode root, Shape shape) {
        List<JsonNode> items = JsonFields.array(root, "tools", "tools");
        List<ToolDef> tools = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            String path = "tools[" + i + "]";
            JsonNode tool = JsonFields.object(items.get(i), path);
            String type = JsonFields.requireString(tool, "type", path + ".type");
            if (!type.equals("function")) {
                throw GatewayError.invalid("only function tools can be translated, not '" + type + "'", path + ".type");
            }
            JsonNode fn = shape == Shape.FLAT ? tool : JsonFields.object(tool.get("function"), path + ".function");
            String p = shape == Shape.FLAT ? path : path + ".function";
            tools.add(new ToolDef(JsonFields.requireString(fn, "name", p + ".name"),
                    JsonFields.string(fn, "description", p + ".description"),
                    JsonFields.raw(fn.get("parameters")), JsonFields.bool(fn, "strict", p + ".strict")));
        }
        return tools;
    }

    public static ToolChoice decodeChoice(JsonNode choice, Shape shape) {
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
        return shape == Shape.FLAT
                ? new ToolChoice.Named(JsonFields.requireString(o, "name", "tool_choice.name"))
                : new ToolChoice.Named(JsonFields.requireString(JsonFields.object(o.get("function"), "tool_choice.function"),
                        "name", "tool_choice.function.name"));
    }

    /** {@code null} (the format's default) renders as {@code auto}, which is what OpenAI echoes. */
    public static JsonNode encodeChoice(ToolChoice choice, Shape shape) {
        return switch (choice) {
            case null -> Json.MAPPER.getNodeFactory().textNode("auto");
            case ToolChoice.Auto a -> Json.MAPPER.getNodeFactory().textNode("auto");
            case ToolChoice.None n -> Json.MAPPER.getNodeFactory().textNode("none");
            case ToolChoice.Required q -> Json.MAPPER.getNodeFactory().textNode("required");
            case ToolChoice.Named named -> {
                ObjectNode o = Json.MAPPER.createObjectNode().put("type", "function");
                if (shape == Shape.FLAT) {
                    o.put("name", named.name());
                } else {
                    o.putObject("function").put("name", named.name());
                }
                yield o;
            }
        };
    }

    /**
     * A function tool. The flat (Responses) shape always says {@code strict} and has a schema: Responses
     * reads a missing {@code strict} as true, which would reject the many schemas that are not
     * strict-mode compatible.
     */
    public static ObjectNode encode(ToolDef t, Shape shape) {
        ObjectNode tool = Json.MAPPER.createObjectNode().put("type", "function");
        ObjectNode fn = shape == Shape.FLAT ? tool : tool.putObject("function");
        fn.put("name", t.name());
        if (t.description() != null) {
            fn.put("description", t.description());
        }
        if (t.parametersJson() != null) {
            fn.set("parameters", OpenAiParams.tree(t.parametersJson()));
        } else if (shape == Shape.FLAT) {
            fn.putObject("parameters").put("type", "object").putObject("properties");
        }
        if (shape == Shape.FLAT || t.strict() != null) {
            fn.put("strict", Boolean.TRUE.equals(t.strict()));
        }
        return tool;
    }

    /** Tools, tool choice and parallel calls; the latter two only with tools, as OpenAI requires. */
    public static void put(ChatRequest r, ObjectNode body, Shape shape) {
        if (r.tools().isEmpty()) {
            return;
        }
        ArrayNode tools = body.putArray("tools");
        r.tools().forEach(t -> tools.add(encode(t, shape)));
        if (r.toolChoice() != null) {
            body.set("tool_choice", encodeChoice(r.toolChoice(), shape));
        }
        if (r.parallelToolCalls() != null) {
            body.put("parallel_tool_calls", r.parallelToolCalls());
        }
    }
}
