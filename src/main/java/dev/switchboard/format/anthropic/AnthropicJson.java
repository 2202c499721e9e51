package dev.switchboard.format.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.format.Json;
import dev.switchboard.model.ErrorKind;
import dev.switchboard.model.GatewayError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Tree reading for the Anthropic coders. Floats are read as exact decimals so that values the gateway
 * only carries (tool schemas, tool inputs, unknown fields) are written back digit for digit. Field
 * errors name the path the way Anthropic's own errors do ({@code messages.0.content.1.source}).
 */
final class AnthropicJson {
    private static final ObjectMapper EXACT = Json.EXACT;

    private AnthropicJson() {}

    /** A client's body; anything but a JSON object is a 400. */
    static ObjectNode clientObject(byte[] body) {
        JsonNode node;
        try {
            node = EXACT.readTree(body);
        } catch (IOException | RuntimeException e) {
            throw GatewayError.invalid("Request body is not valid JSON", null);
        }
        if (node == null || !node.isObject()) {
            throw GatewayError.invalid("Request body must be a JSON object", null);
        }
        return (ObjectNode) node;
    }

    /** An upstream's body; anything but a JSON object is the upstream's fault. */
    static ObjectNode upstreamObject(byte[] body) {
        ObjectNode node = tryObject(body);
        if (node == null) {
            throw new GatewayError(ErrorKind.UPSTREAM_ERROR, "Upstream answer is not a JSON object");
        }
        return node;
    }

    /** The body as an object, or null when it is not one. */
    static ObjectNode tryObject(byte[] body) {
        try {
            JsonNode node = EXACT.readTree(body);
            return node != null && node.isObject() ? (ObjectNode) node : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    static ObjectNode tryObject(String text) {
        return tryObject(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Parses raw JSON text the canonical model carries (schemas, arguments), or null when it is not JSON. */
    static JsonNode tryRaw(String raw) {
        if (raw == null) {
            return null;
        }
        try {
            return EXACT.readTree(raw);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    static String path(String parent, String child) {
        return parent.isEmpty() ? child : parent + "." + child;
    }

    static String path(String parent, int index) {
        return parent + "." + index;
    }

    static GatewayError invalid(String path, String problem) {
        return GatewayError.invalid(path + ": " + problem, path);
    }

    /**
     * An optional field of one JSON type: null when absent or null, a 400 naming the field when it
     * has another type.
     */
    private static <T> T opt(JsonNode obj, String field, String parentPath, Predicate<JsonNode> isType, String typeName,
            Function<JsonNode, T> value) {
        JsonNode v = obj.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!isType.test(v)) {
            throw invalid(path(parentPath, field), "must be " + typeName);
        }
        return value.apply(v);
    }

    static String optText(JsonNode obj, String field, String parentPath) {
        return opt(obj, field, parentPath, JsonNode::isTextual, "a string", JsonNode::textValue);
    }

    static String reqText(JsonNode obj, String field, String parentPath) {
        String v = optText(obj, field, parentPath);
        if (v == null) {
            throw invalid(path(parentPath, field), "Field required");
        }
        return v;
    }

    static Double optNumber(JsonNode obj, String field) {
        return opt(obj, field, "", JsonNode::isNumber, "a number", JsonNode::doubleValue);
    }

    static Integer optInt(JsonNode obj, String field, String parentPath) {
        return opt(obj, field, parentPath, v -> v.isIntegralNumber() && v.canConvertToInt(), "an integer",
                JsonNode::intValue);
    }

    static Boolean optBool(JsonNode obj, String field, String parentPath) {
        return opt(obj, field, parentPath, JsonNode::isBoolean, "a boolean", JsonNode::booleanValue);
    }

    static JsonNode optObject(JsonNode obj, String field, String parentPath) {
        return opt(obj, field, parentPath, JsonNode::isObject, "an object", Function.identity());
    }

    static JsonNode optArray(JsonNode obj, String field, String parentPath) {
        return opt(obj, field, parentPath, JsonNode::isArray, "an array", Function.identity());
    }

    /** Element {@code i} of an array that must hold objects. */
    static JsonNode objectAt(JsonNode array, int i, String arrayPath) {
        JsonNode v = array.get(i);
        if (!v.isObject()) {
            throw invalid(path(arrayPath, i), "must be an object");
        }
        return v;
    }

    /** Puts a string or, for null, JSON null (Anthropic sends {@code "stop_sequence": null}). */
    static void putNullable(ObjectNode target, String field, String value) {
        if (value == null) {
            target.putNull(field);
        } else {
            target.put(field, value);
        }
    }

    /** Lenient read for upstream answers: the text value or null, never throwing. */
    static String textOrNull(JsonNode obj, String field) {
        JsonNode v = obj == null ? null : obj.get(field);
        return v != null && v.isTextual() ? v.textValue() : null;
    }

    static long longOrZero(JsonNode obj, String field) {
        JsonNode v = obj == null ? null : obj.get(field);
        return v != null && v.isIntegralNumber() ? v.longValue() : 0;
    }
}
