package dev.switchboard.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.testkit.GeminiRules.Rejection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Gemini's tool declarations and tool config. A function's {@code parameters} is Gemini's own Schema
 * message, a subset of JSON Schema: names it lacks ({@code additionalProperties}, {@code $schema},
 * {@code const} …) are rejected as unknown, the most common real failure of translated tools. Full
 * JSON Schema goes in {@code parametersJsonSchema}, which is not checked.
 */
final class GeminiSchemaRules {
    private static final Set<String> TOOL = Set.of("functionDeclarations", "googleSearchRetrieval", "codeExecution",
            "googleSearch", "urlContext", "computerUse", "fileSearch", "googleMaps");
    private static final Set<String> FUNCTION = Set.of("name", "description", "behavior", "parameters",
            "parametersJsonSchema", "response", "responseJsonSchema");
    private static final Set<String> SCHEMA = Set.of("type", "format", "title", "description", "nullable", "enum",
            "maxItems", "minItems", "properties", "required", "minProperties", "maxProperties", "minLength",
            "maxLength", "pattern", "example", "anyOf", "propertyOrdering", "default", "items", "minimum", "maximum");
    private static final Set<String> TOOL_CONFIG = Set.of("functionCallingConfig", "retrievalConfig");
    private static final Set<String> CALLING_CONFIG = Set.of("mode", "allowedFunctionNames");
    private static final Set<String> MODES = Set.of("MODE_UNSPECIFIED", "AUTO", "ANY", "NONE", "VALIDATED");

    private GeminiSchemaRules() {}

    static Optional<Rejection> check(JsonNode request) {
        JsonNode tools = GeminiRules.get(request, "tools");
        for (int i = 0; i < tools.size(); i++) {
            String at = "tools[" + i + "]";
            JsonNode tool = tools.get(i);
            Optional<Rejection> problem = GeminiRules.unknown(tool, TOOL, at);
            if (problem.isPresent()) {
                return problem;
            }
            JsonNode functions = GeminiRules.get(tool, "functionDeclarations");
            for (int k = 0; k < functions.size(); k++) {
                String fAt = at + ".function_declarations[" + k + "]";
                JsonNode f = functions.get(k);
                problem = GeminiRules.unknown(f, FUNCTION, fAt).or(() -> schema(GeminiRules.get(f, "parameters"), fAt + ".parameters"));
                if (problem.isPresent()) {
                    return problem;
                }
            }
        }
        JsonNode config = GeminiRules.get(request, "toolConfig");
        JsonNode calling = GeminiRules.get(config, "functionCallingConfig");
        Optional<Rejection> problem = GeminiRules.unknown(config, TOOL_CONFIG, "tool_config")
                .or(() -> GeminiRules.unknown(calling, CALLING_CONFIG, "tool_config.function_calling_config"));
        if (problem.isPresent()) {
            return problem;
        }
        JsonNode mode = calling.path("mode");
        if (!mode.isMissingNode() && !MODES.contains(mode.asText())) {
            return Rejection.of("Invalid value at 'tool_config.function_calling_config.mode' "
                    + "(type.googleapis.com/google.ai.generativelanguage.v1beta.FunctionCallingConfig.Mode), \""
                    + mode.asText() + "\"");
        }
        return Optional.empty();
    }

    /** The mode the request asks for, {@code AUTO} when it names none. */
    static String mode(JsonNode request) {
        return GeminiRules.get(GeminiRules.get(GeminiRules.get(request, "toolConfig"), "functionCallingConfig"), "mode")
                .asText("AUTO");
    }

    private static Optional<Rejection> schema(JsonNode schema, String at) {
        if (schema.isMissingNode() || schema.isNull()) {
            return Optional.empty();
        }
        Optional<Rejection> problem = GeminiRules.unknown(schema, SCHEMA, at);
        if (problem.isPresent()) {
            return problem;
        }
        int index = 0;
        for (Map.Entry<String, JsonNode> property : GeminiRules.get(schema, "properties").properties()) {
            problem = schema(property.getValue(), at + ".properties[" + index++ + "].value");
            if (problem.isPresent()) {
                return problem;
            }
        }
        JsonNode anyOf = GeminiRules.get(schema, "anyOf");
        for (int i = 0; i < anyOf.size(); i++) {
            problem = schema(anyOf.get(i), at + ".any_of[" + i + "]");
            if (problem.isPresent()) {
                return problem;
            }
        }
        return schema(GeminiRules.get(schema, "items"), at + ".items");
    }
}
