package dev.switchboard.format.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.format.Json;
import dev.switchboard.format.JsonText;
import dev.switchboard.model.GatewayError;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Tree access for Gemini bodies. The REST API accepts both camelCase and snake_case field names
 * (proto JSON), so every read looks for the camelCase name first and its snake_case twin second;
 * what we write is always camelCase. Typed reads throw INVALID_REQUEST naming the field path, so a
 * client learns which field is wrong in its own words.
 */
final class GeminiJson {
    private GeminiJson() {}

    /** Parses a client body; anything but a JSON object is a 400. */
    static ObjectNode clientObject(byte[] body) {
        if (body == null || body.length == 0) {
            throw GatewayError.invalid("request body is empty; expected a JSON object", null);
        }
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(body);
        } catch (IOException e) {
            throw GatewayError.invalid("request body is not valid JSON", null);
        }
        if (node == null || !node.isObject()) {
            throw GatewayError.invalid("request body must be a JSON object", null);
        }
        return (ObjectNode) node;
    }

    /** Parses a JSON text, or null when it is not JSON (never throws). */
    static JsonNode tryParse(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Json.MAPPER.readTree(text);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    static String write(JsonNode node) {
        return JsonText.of(node);
    }

    static byte[] bytes(JsonNode node) {
        return JsonText.utf8(node);
    }

    static ObjectNode object() {
        return Json.MAPPER.createObjectNode();
    }

    static ArrayNode array() {
        return Json.MAPPER.createArrayNode();
    }

    /** The snake_case twin of a camelCase name: {@code systemInstruction} → {@code system_instruction}. */
    static String snake(String camel) {
        StringBuilder sb = new StringBuilder(camel.length() + 4);
        for (int i = 0; i < camel.length(); i++) {
            char c = camel.charAt(i);
            if (Character.isUpperCase(c)) {
                sb.append('_').append(Character.toLowerCase(c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** The camelCase twin of a snake_case name (identity for camelCase names). */
    static String camel(String name) {
        if (name.indexOf('_') < 0) {
            return name;
        }
        StringBuilder sb = new StringBuilder(name.length());
        boolean upper = false;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '_' && i > 0) {
                upper = true;
            } else {
                sb.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return sb.toString();
    }

    /** The value of a field by its camelCase name or snake_case twin; null when absent or JSON null. */
    static JsonNode get(JsonNode obj, String camelName) {
        if (obj == null || !obj.isObject()) {
            return null;
        }
        JsonNode v = obj.get(camelName);
        if (v == null) {
            v = obj.get(snake(camelName));
        }
        return v == null || v.isNull() ? null : v;
    }

    static boolean has(JsonNode obj, String camelName) {
        return get(obj, camelName) != null;
    }

    static String text(JsonNode obj, String camelName, String path) {
        JsonNode v = get(obj, camelName);
        if (v == null) {
            return null;
        }
        if (!v.isTextual()) {
            throw GatewayError.invalid("'" + path + "' must be a string", path);
        }
        return v.asText();
    }

    static Double number(JsonNode obj, String camelName, String path) {
        JsonNode v = get(obj, camelName);
        if (v == null) {
            return null;
        }
        if (!v.isNumber()) {
            throw GatewayError.invalid("'" + path + "' must be a number", path);
        }
        return v.asDouble();
    }

    static Integer integer(JsonNode obj, String camelName, String path) {
        Long v = longValue(obj, camelName, path);
        if (v == null) {
            return null;
        }
        if (v > Integer.MAX_VALUE || v < Integer.MIN_VALUE) {
            throw GatewayError.invalid("'" + path + "' is out of range", path);
        }
        return v.intValue();
    }

    static Long longValue(JsonNode obj, String camelName, String path) {
        JsonNode v = get(obj, camelName);
        if (v == null) {
            return null;
        }
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            return v.asLong();
        }
        // proto JSON renders int64 as a string, and floats with no fraction are whole numbers too
        if (v.isTextual() && v.asText().matches("-?\\d{1,18}")) {
            return Long.parseLong(v.asText());
        }
        if (v.isNumber() && v.asDouble() == Math.rint(v.asDouble()) && Math.abs(v.asDouble()) < 1e18) {
            return (long) v.asDouble();
        }
        throw GatewayError.invalid("'" + path + "' must be an integer", path);
    }

    static Boolean bool(JsonNode obj, String camelName, String path) {
        JsonNode v = get(obj, camelName);
        if (v == null) {
            return null;
        }
        if (!v.isBoolean()) {
            throw GatewayError.invalid("'" + path + "' must be a boolean", path);
        }
        return v.asBoolean();
    }

    /** An array field (empty when absent); anything else is a 400 naming the path. */
    static List<JsonNode> array(JsonNode obj, String camelName, String path) {
        JsonNode v = get(obj, camelName);
        if (v == null) {
            return List.of();
        }
        if (!v.isArray()) {
            throw GatewayError.invalid("'" + path + "' must be an array", path);
        }
        List<JsonNode> out = new ArrayList<>(v.size());
        v.forEach(out::add);
        return out;
    }

    static ObjectNode objectField(JsonNode obj, String camelName, String path) {
        JsonNode v = get(obj, camelName);
        if (v == null) {
            return null;
        }
        if (!v.isObject()) {
            throw GatewayError.invalid("'" + path + "' must be an object", path);
        }
        return (ObjectNode) v;
    }

    /** True when {@code fieldName} is {@code camelName} in either spelling. */
    static boolean named(String fieldName, String camelName) {
        return fieldName.equals(camelName) || fieldName.equals(snake(camelName));
    }
}
