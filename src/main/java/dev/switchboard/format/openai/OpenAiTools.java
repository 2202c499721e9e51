package dev.switchboard.format.openai;

import static dev.switchboard.format.openai.JsonFields.absent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.format.Json;
import dev.switchboard.format.ProviderTools;
import dev.switchboard.model.GatewayError;
import dev.switchboard.model.WireFormat;
import dev.switchboard.model.chat.ChatRequest;
import dev.switchboard.model.chat.ClientFormat;
import dev.switchboard.model.chat.ProviderTool;
import dev.switchboard.model.chat.ToolChoice;
import dev.switchboard.model.chat.ToolDef;
import java.util.ArrayList;
import java.util.List;

/**
 * Function tools and tool choice in both OpenAI shapes: Chat Completions nests the function
 * ({@code {type, function: {name, …}}}), Responses flattens it ({@code {type, name, …}}). Only
 * function tools translate to other providers. Every other tool (Responses' web_search, file_search,
 * code_interpreter …, custom tools) and Chat's {@code web_search_options} is a {@link ProviderTool}:
 * put back for the same API, refused naming its index by any other.
 */
public final class OpenAiTools {
    /** The two shapes. */
    public enum Shape {
        NESTED,
        FLAT
    }

    /** Chat Completions' built-in web search, a top-level field rather than a tool. */
    public static final String WEB_SEARCH_OPTIONS = "web_search_options";

    private OpenAiTools() {}

    public static List<ToolDef> decode(JsonNode root, Shape shape) {
        List<JsonNode> items = JsonFields.array(root, "tools", "tools");
        List<ToolDef> tools = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            String path = "tools[" + i + "]";
            JsonNode tool = JsonFields.object(items.get(i), path);
            String type = JsonFields.requireString(tool, "type", path + ".type");
            if (!type.equals("function")) {
                continue; // a provider tool, see providerTools
            }
            JsonNode fn = shape == Shape.FLAT ? tool : JsonFields.object(tool.get("function"), path + ".function");
            String p = shape == Shape.FLAT ? path : path + ".function";
            tools.add(new ToolDef(JsonFields.requireString(fn, "name", p + ".name"),
                    JsonFields.string(fn, "description", p + ".description"),
                    JsonFields.raw(fn.get("parameters")), JsonFields.bool(fn, "strict", p + ".strict")));
        }
        return tools;
    }

    /** The tools that are not functions, and Chat's web search ({@code web_search_options}), as they came. */
    public static List<ProviderTool> providerTools(JsonNode root, Shape shape) {
        List<ProviderTool> out = new ArrayList<>();
        List<JsonNode> items = JsonFields.array(root, "tools", "tools");
        for (int i = 0; i < items.size(); i++) {
            String type = items.get(i).path("type").asText();
            if (!type.equals("function")) {
                out.add(new ProviderTool("tools[" + i + "]", type, items.get(i).toString()));
            }
        }
        if (shape == Shape.NESTED && !absent(root.get(WEB_SEARCH_OPTIONS))) {
            out.add(new ProviderTool(WEB_SEARCH_OPTIONS, WEB_SEARCH_OPTIONS, root.get(WEB_SEARCH_OPTIONS).toString()));
        }
        return out;
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

    /**
     * Tools, tool choice and parallel calls; the latter two only with tools, as OpenAI requires. Provider
     * tools come after the functions when the request is in this shape's own API, and refuse it otherwise.
     */
    public static void put(ChatRequest r, ObjectNode body, Shape shape) {
        ClientFormat own = shape == Shape.FLAT ? ClientFormat.OPENAI_RESPONSES : ClientFormat.OPENAI_CHAT;
        ArrayNode tools = Json.MAPPER.createArrayNode();
        r.tools().forEach(t -> tools.add(encode(t, shape)));
        for (ProviderTool t : ProviderTools.own(r, own, WireFormat.OPENAI)) {
            JsonNode definition = OpenAiParams.tree(t.json());
            if (t.path().equals(WEB_SEARCH_OPTIONS)) {
                body.set(WEB_SEARCH_OPTIONS, definition);
            } else {
                tools.add(definition);
            }
        }
        if (tools.isEmpty()) {
            return;
        }
        body.set("tools", tools);
        if (r.toolChoice() != null) {
            body.set("tool_choice", encodeChoice(r.toolChoice(), shape));
        }
        if (r.parallelToolCalls() != null) {
            body.put("parallel_tool_calls", r.parallelToolCalls());
        }
    }
}
