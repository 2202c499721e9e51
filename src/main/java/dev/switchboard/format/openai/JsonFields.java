package dev.switchboard.format.openai;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.format.Json;
import dev.switchboard.format.JsonText;
import dev.switchboard.model.ErrorKind;
import dev.switchboard.model.GatewayError;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Typed reads of a client's JSON tree that fail with a 400 naming the exact field path
 * ({@code messages[2].content[0].type}), so a client learns what to fix instead of getting an
 * upstream's surprise later. Shared by the Chat Completions and Responses decoders.
 */
public final class JsonFields {
    private JsonFields() {}

    /** A mapper for client bodies: the given limits, and nothing may follow the one JSON value. */
    public static ObjectMapper clientMapper(JsonFactory factory) {
        return new ObjectMapper(factory).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /** Parses a client body that must be one JSON object. */
    public static ObjectNode clientObject(ObjectMapper mapper, byte[] body) {
        if (body.length == 0) {
            throw GatewayError.invalid("request body is empty; expected a JSON object", null);
        }
        try {
            JsonNode root = mapper.readTree(body);
            if (!(root instanceof ObjectNode object)) {
                throw GatewayError.invalid("request body must be a JSON object", null);
            }
            return object;
        } catch (StreamConstraintsException e) {
            throw GatewayError.invalid("request JSON exceeds a limit: " + firstLine(e.getOriginalMessage()), null);
        } catch (JsonProcessingException e) {
            throw GatewayError.invalid("request body is not valid JSON: " + firstLine(e.getOriginalMessage()), null);
        } catch (IOException e) {
            throw GatewayError.invalid("request body is not valid JSON", null);
        }
    }

    /** One upstream stream event's JSON object, or null when it is not one (the decoder then fails the stream). */
    public static JsonNode eventObject(String data) {
        try {
            JsonNode node = Json.MAPPER.readTree(data);
            return node != null && node.isObject() ? node : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Parses an upstream answer; anything but a JSON object is the upstream's fault (502). */
    public static ObjectNode upstreamObject(ObjectMapper mapper, byte[] body, String what) {
        try {
            if (mapper.readTree(body) instanceof ObjectNode object) {
                return object;
            }
        } catch (IOException | RuntimeException e) {
            // fall through: reported below without echoing the body
        }
        throw new GatewayError(ErrorKind.UPSTREAM_ERROR, "upstream answer is not a " + what + " JSON object");
    }

    public static boolean absent(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode();
    }

    public static String string(JsonNode parent, String field, String path) {
        JsonNode n = parent.get(field);
        if (absent(n)) {
            return null;
        }
        if (!n.isTextual()) {
            throw GatewayError.invalid("'" + path + "' must be a string", path);
        }
        return n.textValue();
    }

    public static String requireString(JsonNode parent, String field, String path) {
        String s = string(parent, field, path);
        if (s == null) {
            throw GatewayError.invalid("missing required parameter: '" + path + "'", path);
        }
        return s;
    }

    public static Double number(JsonNode parent, String field) {
        JsonNode n = parent.get(field);
        if (absent(n)) {
            return null;
        }
        if (!n.isNumber()) {
            throw GatewayError.invalid("'" + field + "' must be a number", field);
        }
        return n.doubleValue();
    }

    public static Integer integer(JsonNode parent, String field) {
        JsonNode n = parent.get(field);
        if (absent(n)) {
            return null;
        }
        if (!n.canConvertToInt() || !n.isIntegralNumber()) {
            throw GatewayError.invalid("'" + field + "' must be an integer", field);
        }
        return n.intValue();
    }

    public static Long longValue(JsonNode parent, String field) {
        JsonNode n = parent.get(field);
        if (absent(n)) {
            return null;
        }
        if (!n.isIntegralNumber() || !n.canConvertToLong()) {
            throw GatewayError.invalid("'" + field + "' must be an integer", field);
        }
        return n.longValue();
    }

    public static Boolean bool(JsonNode parent, String field, String path) {
        JsonNode n = parent.get(field);
        if (absent(n)) {
            return null;
        }
        if (!n.isBoolean()) {
            throw GatewayError.invalid("'" + path + "' must be a boolean", path);
        }
        return n.booleanValue();
    }

    /** An array field, or an empty list when absent; any other type is a 400. */
    public static List<JsonNode> array(JsonNode parent, String field, String path) {
        JsonNode n = parent.get(field);
        if (absent(n)) {
            return List.of();
        }
        if (!n.isArray()) {
            throw GatewayError.invalid("'" + path + "' must be an array", path);
        }
        List<JsonNode> out = new ArrayList<>(n.size());
        n.forEach(out::add);
        return out;
    }

    public static ObjectNode object(JsonNode node, String path) {
        if (!(node instanceof ObjectNode o)) {
            throw GatewayError.invalid("'" + path + "' must be an object", path);
        }
        return o;
    }

    /** A string or an array of strings (OpenAI's {@code stop}). */
    public static List<String> stringOrStrings(JsonNode parent, String field) {
        JsonNode n = parent.get(field);
        if (absent(n)) {
            return List.of();
        }
        if (n.isTextual()) {
            return List.of(n.textValue());
        }
        List<String> out = new ArrayList<>();
        if (n.isArray()) {
            for (int i = 0; i < n.size(); i++) {
                if (!n.get(i).isTextual()) {
                    throw GatewayError.invalid("'" + field + "[" + i + "]' must be a string", field + "[" + i + "]");
                }
                out.add(n.get(i).textValue());
            }
            return out;
        }
        throw GatewayError.invalid("'" + field + "' must be a string or an array of strings", field);
    }

    /** Every top-level field not in {@code known}, as raw JSON (a request's extras). */
    public static Map<String, String> unknown(ObjectNode root, Set<String> known) {
        Map<String, String> extras = new LinkedHashMap<>();
        root.properties().forEach(e -> {
            if (!known.contains(e.getKey()) && !e.getValue().isNull()) {
                extras.put(e.getKey(), JsonText.of(e.getValue()));
            }
        });
        return extras;
    }

    /** Raw JSON text of a schema-like value (kept verbatim, never interpreted). */
    public static String raw(JsonNode node) {
        return absent(node) ? null : JsonText.of(node);
    }

    /** The first line of a parser message, capped, for error texts a client sees. */
    public static String firstLine(String message) {
        if (message == null) {
            return "parse error";
        }
        int nl = message.indexOf('\n');
        String s = nl < 0 ? message : message.substring(0, nl);
        return s.length() > 200 ? s.substring(0, 200) : s;
    }
}
