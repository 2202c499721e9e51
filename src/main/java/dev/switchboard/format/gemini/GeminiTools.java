package dev.switchboard.format.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.format.Dropped;
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
import java.util.Map;

/**
 * {@code tools[].functionDeclarations} ↔ {@link ToolDef} and {@code toolConfig.functionCallingConfig}
 * ↔ {@link ToolChoice}: AUTO, NONE, ANY (Required; Named when it allows exactly one function). Built-in
 * tools (googleSearch, codeExecution, urlContext …) are {@link ProviderTool}s: back to Gemini as they
 * came, refused by every other format. VALIDATED mode and lists of several allowed functions have no
 * canonical form and travel as extras.
 */
final class GeminiTools {
    private GeminiTools() {}

    record Decoded(List<ToolDef> tools, ToolChoice choice, List<ProviderTool> builtIn) {}

    static Decoded decode(ObjectNode root, Map<String, String> extras) {
        List<ToolDef> defs = new ArrayList<>();
        List<ProviderTool> builtIn = new ArrayList<>();
        List<JsonNode> tools = GeminiJson.array(root, "tools", "tools");
        for (int i = 0; i < tools.size(); i++) {
            JsonNode tool = tools.get(i);
            if (!tool.isObject()) {
                throw GatewayError.invalid("'tools[" + i + "]' must be an object", "tools[" + i + "]");
            }
            for (Map.Entry<String, JsonNode> e : tool.properties()) {
                String kind = GeminiJson.camel(e.getKey());
                if (kind.equals("functionDeclarations")) {
                    List<JsonNode> decls = GeminiJson.array(tool, kind, "tools[" + i + "].functionDeclarations");
                    for (int j = 0; j < decls.size(); j++) {
                        defs.add(declaration(decls.get(j), "tools[" + i + "].functionDeclarations[" + j + "]"));
                    }
                } else if (!e.getValue().isNull()) {
                    builtIn.add(new ProviderTool("tools[" + i + "]." + e.getKey(), kind, GeminiJson.write(e.getValue())));
                }
            }
        }
        return new Decoded(defs, choice(GeminiJson.objectField(root, "toolConfig", "toolConfig"), extras), builtIn);
    }

    private static ToolDef declaration(JsonNode decl, String path) {
        String name = GeminiJson.text(decl, "name", path + ".name");
        if (name == null || name.isEmpty()) {
            throw GatewayError.invalid("'" + path + ".name' is required", path + ".name");
        }
        JsonNode jsonSchema = GeminiJson.get(decl, "parametersJsonSchema");
        JsonNode openApi = GeminiJson.get(decl, "parameters");
        String params = jsonSchema != null ? GeminiJson.write(jsonSchema)
                : openApi != null ? GeminiSchemas.openApiToJsonSchema(openApi) : null;
        return new ToolDef(name, GeminiJson.text(decl, "description", path + ".description"), params, null);
    }

    private static ToolChoice choice(ObjectNode toolConfig, Map<String, String> extras) {
        if (toolConfig == null) {
            return null;
        }
        ToolChoice choice = null;
        for (Map.Entry<String, JsonNode> e : toolConfig.properties()) {
            String key = GeminiJson.camel(e.getKey());
            if (!key.equals("functionCallingConfig") && !e.getValue().isNull()) {
                GeminiExtras.keep(extras, "toolConfig." + key, e.getValue());
            }
        }
        ObjectNode fcc = GeminiJson.objectField(toolConfig, "functionCallingConfig", "toolConfig.functionCallingConfig");
        if (fcc == null) {
            return null;
        }
        String path = "toolConfig.functionCallingConfig";
        String mode = GeminiJson.text(fcc, "mode", path + ".mode");
        List<String> allowed = new ArrayList<>();
        for (JsonNode n : GeminiJson.array(fcc, "allowedFunctionNames", path + ".allowedFunctionNames")) {
            allowed.add(n.asText());
        }
        switch (mode == null ? "AUTO" : mode) {
            case "NONE" -> choice = new ToolChoice.None();
            case "ANY" -> {
                choice = allowed.size() == 1 ? new ToolChoice.Named(allowed.get(0)) : new ToolChoice.Required();
                if (allowed.size() > 1) {
                    GeminiExtras.keep(extras, path, fcc);
                }
            }
            case "AUTO", "MODE_UNSPECIFIED", "FUNCTION_CALLING_CONFIG_MODE_UNSPECIFIED" -> choice = new ToolChoice.Auto();
            case "VALIDATED" -> {
                choice = new ToolChoice.Auto(); // calls the model may choose, schema-checked: closest is auto
                GeminiExtras.keep(extras, path, fcc);
            }
            default -> throw GatewayError.invalid("unknown function calling mode '" + mode + "'", path + ".mode");
        }
        return choice;
    }

    /** Function declarations and, for a Gemini client, its built-in tools, each a {@code Tool} of its own. */
    static void encode(ChatRequest r, ObjectNode root, Dropped dropped) {
        if (Boolean.FALSE.equals(r.parallelToolCalls())) {
            dropped.add("parallel_tool_calls");
        }
        List<ProviderTool> builtIn = ProviderTools.own(r, ClientFormat.GEMINI, WireFormat.GEMINI);
        for (ProviderTool t : builtIn) {
            JsonNode config = GeminiJson.tryParse(t.json());
            root.withArray("tools").addObject().set(t.type(), config == null ? GeminiJson.object() : config);
        }
        if (r.tools().isEmpty()) {
            return;
        }
        ArrayNode decls = root.withArray("tools").insertObject(0).putArray("functionDeclarations");
        for (int i = 0; i < r.tools().size(); i++) {
            ToolDef t = r.tools().get(i);
            ObjectNode d = decls.addObject().put("name", t.name());
            if (t.description() != null) {
                d.put("description", t.description());
            }
            if (t.parametersJson() != null) {
                JsonNode schema = GeminiJson.tryParse(t.parametersJson());
                if (schema == null || !schema.isObject()) {
                    throw GatewayError.invalid("the parameters of tool '" + t.name() + "' are not a JSON schema object",
                            "tools[" + i + "]");
                }
                d.set("parametersJsonSchema", schema);
            }
            if (Boolean.TRUE.equals(t.strict())) {
                dropped.add("strict");
            }
        }
        ObjectNode fcc = GeminiJson.object();
        switch (r.toolChoice()) {
            case null -> { }
            case ToolChoice.Auto a -> fcc.put("mode", "AUTO");
            case ToolChoice.None n -> fcc.put("mode", "NONE");
            case ToolChoice.Required q -> fcc.put("mode", "ANY");
            case ToolChoice.Named n -> {
                fcc.put("mode", "ANY");
                fcc.putArray("allowedFunctionNames").add(n.name());
            }
        }
        if (!fcc.isEmpty()) {
            root.putObject("toolConfig").set("functionCallingConfig", fcc);
        }
    }
}
