package dev.switchboard.format.anthropic;

import static dev.switchboard.format.anthropic.AnthropicJson.invalid;
import static dev.switchboard.format.anthropic.AnthropicJson.optBool;
import static dev.switchboard.format.anthropic.AnthropicJson.optText;
import static dev.switchboard.format.anthropic.AnthropicJson.path;
import static dev.switchboard.format.anthropic.AnthropicJson.reqText;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.model.GatewayError;
import dev.switchboard.model.chat.ProviderTool;
import dev.switchboard.model.chat.ToolChoice;
import dev.switchboard.model.chat.ToolDef;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code tools} and {@code tool_choice}. Only custom (function) tools translate: Anthropic's server
 * and client built-in tools (web search, code execution, bash, computer use …) are
 * {@link ProviderTool}s, put back for an Anthropic upstream and refused (a 400 naming the tool, rather
 * than a silent loss) by every other format. {@code disable_parallel_tool_use} is the inverse of
 * canonical {@code parallelToolCalls}.
 */
final class AnthropicTools {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private AnthropicTools() {}

    record Choice(ToolChoice choice, Boolean parallelToolCalls) {}

    static List<ToolDef> decode(JsonNode tools) {
        List<ToolDef> out = new ArrayList<>();
        if (tools == null || tools.isNull()) {
            return out;
        }
        if (!tools.isArray()) {
            throw invalid("tools", "must be an array");
        }
        for (int i = 0; i < tools.size(); i++) {
            String at = path("tools", i);
            JsonNode t = AnthropicJson.objectAt(tools, i, "tools");
            String type = optText(t, "type", at);
            if (type != null && !"custom".equals(type)) {
                continue; // a built-in tool, see builtIn
            }
            JsonNode schema = t.get("input_schema");
            if (schema != null && !schema.isNull() && !schema.isObject()) {
                throw invalid(path(at, "input_schema"), "must be an object");
            }
            out.add(new ToolDef(reqText(t, "name", at), optText(t, "description", at),
                    schema == null || schema.isNull() ? null : schema.toString(), optBool(t, "strict", at)));
        }
        return out;
    }

    /** The built-in tools among {@code tools} (a {@code type} other than custom), as they came. */
    static List<ProviderTool> builtIn(JsonNode tools) {
        List<ProviderTool> out = new ArrayList<>();
        if (tools != null && tools.isArray()) {
            for (int i = 0; i < tools.size(); i++) {
                String type = tools.get(i).path("type").asText("custom");
                if (!type.equals("custom")) {
                    out.add(new ProviderTool(path("tools", i), type, tools.get(i).toString()));
                }
            }
        }
        return out;
    }

    static Choice decodeChoice(JsonNode choice) {
        if (choice == null || choice.isNull()) {
            return new Choice(null, null);
        }
        if (!choice.isObject()) {
            throw invalid("tool_choice", "must be an object");
        }
        String type = reqText(choice, "type", "tool_choice");
        ToolChoice tc = switch (type) {
            case "auto" -> new ToolChoice.Auto();
            case "any" -> new ToolChoice.Required();
            case "none" -> new ToolChoice.None();
            case "tool" -> new ToolChoice.Named(reqText(choice, "name", "tool_choice"));
            default -> throw invalid("tool_choice.type", "must be auto, any, tool or none");
        };
        Boolean disable = optBool(choice, "disable_parallel_tool_use", "tool_choice");
        return new Choice(tc, disable == null ? null : !disable);
    }

    /** Custom tools, then the built-in ones of an Anthropic client's request. */
    static ArrayNode encode(List<ToolDef> tools, List<ProviderTool> builtIn) {
        ArrayNode out = NODES.arrayNode();
        for (int i = 0; i < tools.size(); i++) {
            ToolDef t = tools.get(i);
            ObjectNode n = out.addObject().put("name", t.name());
            if (t.description() != null) {
                n.put("description", t.description());
            }
            n.set("input_schema", schema(t.parametersJson(), "tools[" + i + "].parameters"));
            if (t.strict() != null) {
                n.put("strict", t.strict());
            }
        }
        for (ProviderTool t : builtIn) {
            JsonNode definition = AnthropicJson.tryRaw(t.json());
            if (definition != null) {
                out.add(definition);
            }
        }
        return out;
    }

    /** Anthropic requires an object schema; a tool without parameters gets the empty object schema. */
    private static JsonNode schema(String raw, String at) {
        if (raw == null || raw.isBlank()) {
            ObjectNode empty = NODES.objectNode().put("type", "object");
            empty.putObject("properties");
            return empty;
        }
        JsonNode schema = AnthropicJson.tryRaw(raw);
        if (schema == null || !schema.isObject()) {
            throw GatewayError.invalid("tool parameters must be a JSON Schema object", at);
        }
        return schema;
    }

    /**
     * The {@code tool_choice} object, or null to leave Anthropic's default (auto). Without tools a
     * choice means nothing and Anthropic would reject it, so none is sent.
     */
    static ObjectNode encodeChoice(ToolChoice choice, Boolean parallelToolCalls, boolean hasTools) {
        if (!hasTools || (choice == null && parallelToolCalls == null)) {
            return null;
        }
        ObjectNode n = NODES.objectNode();
        switch (choice == null ? new ToolChoice.Auto() : choice) {
            case ToolChoice.Auto a -> n.put("type", "auto");
            case ToolChoice.Required r -> n.put("type", "any");
            case ToolChoice.Named named -> n.put("type", "tool").put("name", named.name());
            case ToolChoice.None none -> {
                return n.put("type", "none");
            }
        }
        if (parallelToolCalls != null) {
            n.put("disable_parallel_tool_use", !parallelToolCalls);
        }
        return n;
    }

    /** Anthropic refuses thinking together with a choice that forces a tool call. */
    static boolean forcesToolUse(ToolChoice choice) {
        return choice instanceof ToolChoice.Required || choice instanceof ToolChoice.Named;
    }
}
