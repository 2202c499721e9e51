package dev.switchboard.server.admin;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * A JSON object from an admin request body, read field by field with validation. Every field read is
 * remembered; {@link #finish()} refuses the ones nobody read, so a misspelt field ({@code "rmp"}) is an
 * error rather than a silently ignored limit. A field may be absent ({@link #has} false), JSON null
 * (getters return null: "clear it"), or a value.
 */
final class JsonInput {
    static final int MAX_DEPTH = 8;
    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH).maxStringLength(64 * 1024).maxNumberLength(40).build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final ObjectNode node;
    private final String path;
    private final Set<String> read = new HashSet<>();
    private final List<JsonInput> children = new ArrayList<>();

    private JsonInput(ObjectNode node, String path) {
        this.node = node;
        this.path = path;
    }

    /** An empty body reads as an empty object. */
    static JsonInput parse(byte[] body) {
        if (body.length == 0 || new String(body, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
            return new JsonInput(MAPPER.createObjectNode(), "");
        }
        JsonNode parsed;
        try (JsonParser p = MAPPER.createParser(body)) {
            parsed = MAPPER.readTree(p);
        } catch (IOException e) {
            // Jackson's message would quote the input, which may hold a secret: say where, not what
            String where = e instanceof com.fasterxml.jackson.core.JsonProcessingException j && j.getLocation() != null
                    ? " at line " + j.getLocation().getLineNr() + ", column " + j.getLocation().getColumnNr() : "";
            String why = e.getMessage() != null && e.getMessage().startsWith("Duplicate field") ? "a field appears twice"
                    : e.getMessage() != null && e.getMessage().contains("nesting depth") ? "nested deeper than " + MAX_DEPTH
                    : "malformed JSON";
            throw AdminProblem.invalid("the request body is not valid JSON: " + why + where, null);
        }
        if (!(parsed instanceof ObjectNode object)) {
            throw AdminProblem.invalid("the request body must be a JSON object", null);
        }
        return new JsonInput(object, "");
    }

    boolean has(String field) {
        read.add(field);
        return node.has(field);
    }

    String param(String field) {
        return path + field;
    }

    private JsonNode value(String field, boolean required) {
        read.add(field);
        JsonNode v = node.get(field);
        if ((v == null || v.isNull()) && required) {
            throw AdminProblem.invalid("'" + param(field) + "' is required", param(field));
        }
        return v == null || v.isNull() ? null : v;
    }

    /** A string of 1..max characters without control characters (names end up in logs, tables and CSV). */
    String text(String field, int max, boolean required) {
        JsonNode v = value(field, required);
        if (v == null) {
            return null;
        }
        if (!v.isTextual()) {
            throw AdminProblem.invalid("'" + param(field) + "' must be a string", param(field));
        }
        return Inputs.text(v.textValue(), max, param(field));
    }

    /** A string that is a secret: any printable text up to {@code max}, never quoted back. */
    String secret(String field, int max) {
        JsonNode v = value(field, true);
        if (!v.isTextual()) {
            throw AdminProblem.invalid("'" + param(field) + "' must be a string", param(field));
        }
        String s = v.textValue().strip();
        if (s.isEmpty() || s.length() > max) {
            throw AdminProblem.invalid("'" + param(field) + "' must be 1.." + max + " characters", param(field));
        }
        for (int i = 0; i < s.length(); i++) {
            if (Character.isISOControl(s.charAt(i)) || Character.isWhitespace(s.charAt(i))) {
                throw AdminProblem.invalid("'" + param(field) + "' must not contain whitespace or control characters",
                        param(field));
            }
        }
        return s;
    }

    Boolean bool(String field) {
        JsonNode v = value(field, false);
        if (v == null) {
            return null;
        }
        if (!v.isBoolean()) {
            throw AdminProblem.invalid("'" + param(field) + "' must be true or false", param(field));
        }
        return v.booleanValue();
    }

    /** A whole number in 1..max, or null. */
    Long positive(String field, long max) {
        JsonNode v = value(field, false);
        if (v == null) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < 1 || v.longValue() > max) {
            throw AdminProblem.invalid("'" + param(field) + "' must be a whole number from 1 to " + max
                    + " (or null for no limit)", param(field));
        }
        return v.longValue();
    }

    /** A non-negative decimal with at most {@code maxScale} decimals and at most {@code max}, or null. */
    BigDecimal decimal(String field, BigDecimal max, int maxScale, boolean required) {
        JsonNode v = value(field, required);
        if (v == null) {
            return null;
        }
        BigDecimal d;
        if (v.isNumber()) {
            d = v.decimalValue();
        } else if (v.isTextual()) {
            try {
                d = new BigDecimal(v.textValue().strip());
            } catch (NumberFormatException e) {
                d = null;
            }
        } else {
            d = null;
        }
        if (d == null || d.signum() < 0 || d.compareTo(max) > 0 || d.stripTrailingZeros().scale() > maxScale) {
            throw AdminProblem.invalid("'" + param(field) + "' must be a number from 0 to " + max.toPlainString()
                    + " with at most " + maxScale + " decimals", param(field));
        }
        return d.stripTrailingZeros();
    }

    /** A list of up to {@code maxItems} strings, each checked by {@link Inputs#text}; null when absent or null. */
    List<String> strings(String field, int maxItems, int maxLength) {
        JsonNode v = value(field, false);
        if (v == null) {
            return null;
        }
        if (!v.isArray() || v.size() > maxItems) {
            throw AdminProblem.invalid("'" + param(field) + "' must be an array of at most " + maxItems + " strings",
                    param(field));
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            JsonNode item = v.get(i);
            String p = param(field) + "[" + i + "]";
            if (!item.isTextual()) {
                throw AdminProblem.invalid("'" + p + "' must be a string", p);
            }
            out.add(Inputs.text(item.textValue(), maxLength, p));
        }
        return List.copyOf(out);
    }

    /** A nested object, itself checked for unknown fields when this one is finished; null when absent or null. */
    JsonInput object(String field) {
        JsonNode v = value(field, false);
        if (v == null) {
            return null;
        }
        if (!(v instanceof ObjectNode o)) {
            throw AdminProblem.invalid("'" + param(field) + "' must be an object", param(field));
        }
        JsonInput child = new JsonInput(o, param(field) + ".");
        children.add(child);
        return child;
    }

    /** Refuses fields that were never read, here and in nested objects. */
    void finish() {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!read.contains(name)) {
                String shown = path + Inputs.echoable(name);
                throw AdminProblem.invalid("unknown field '" + shown + "'", shown);
            }
        }
        children.forEach(JsonInput::finish);
    }
}
