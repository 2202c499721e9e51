package dev.switchboard.format.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Gemini's {@code parameters} and {@code responseSchema} use its OpenAPI-subset Schema (types in
 * capitals, {@code nullable}); the canonical model, like OpenAI and Anthropic, holds JSON Schema.
 * {@code parametersJsonSchema} and {@code responseJsonSchema} already are JSON Schema and pass as
 * they are; this class rewrites the OpenAPI flavour in place on a copy.
 */
final class GeminiSchemas {
    private static final List<String> SCHEMA_LISTS = List.of("anyOf", "oneOf", "allOf", "prefixItems");
    private static final List<String> SCHEMA_MAPS = List.of("properties", "$defs", "definitions");
    private static final List<String> SCHEMA_VALUES = List.of("items", "additionalProperties", "not");

    private GeminiSchemas() {}

    static String openApiToJsonSchema(JsonNode schema) {
        JsonNode copy = schema.deepCopy();
        normalize(copy);
        return GeminiJson.write(copy);
    }

    private static void normalize(JsonNode node) {
        if (!(node instanceof ObjectNode obj)) {
            return;
        }
        JsonNode type = obj.get("type");
        if (type != null && type.isTextual()) {
            String t = type.asText().toLowerCase(Locale.ROOT);
            if (t.equals("type_unspecified")) {
                obj.remove("type");
            } else if (obj.path("nullable").asBoolean(false)) {
                obj.putArray("type").add(t).add("null");
            } else {
                obj.put("type", t);
            }
        }
        obj.remove("nullable");
        for (String key : SCHEMA_LISTS) {
            if (obj.get(key) instanceof ArrayNode arr) {
                arr.forEach(GeminiSchemas::normalize);
            }
        }
        for (String key : SCHEMA_MAPS) {
            if (obj.get(key) instanceof ObjectNode map) {
                for (Map.Entry<String, JsonNode> e : map.properties()) {
                    normalize(e.getValue());
                }
            }
        }
        for (String key : SCHEMA_VALUES) {
            normalize(obj.get(key));
        }
    }
}
