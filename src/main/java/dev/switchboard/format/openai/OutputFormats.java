package dev.switchboard.format.openai;

import static dev.switchboard.format.openai.JsonFields.absent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.format.Json;
import dev.switchboard.model.GatewayError;
import dev.switchboard.model.chat.ResponseFormat;

/**
 * Structured output settings in both OpenAI shapes: Chat Completions' {@code response_format} nests
 * the schema under {@code json_schema}, Responses' {@code text.format} carries name, schema and
 * strict beside the type.
 */
public final class OutputFormats {
    private OutputFormats() {}

    /** @param path where the format object sits, for errors ({@code response_format}, {@code text.format}) */
    public static ResponseFormat decode(JsonNode format, OpenAiTools.Shape shape, String path) {
        if (absent(format)) {
            return null;
        }
        JsonNode o = JsonFields.object(format, path);
        String type = JsonFields.requireString(o, "type", path + ".type");
        return switch (type) {
            case "text" -> new ResponseFormat.Text();
            case "json_object" -> new ResponseFormat.JsonObject();
            case "json_schema" -> {
                String p = shape == OpenAiTools.Shape.FLAT ? path : path + ".json_schema";
                JsonNode schema = shape == OpenAiTools.Shape.FLAT ? o : JsonFields.object(o.get("json_schema"), p);
                yield new ResponseFormat.JsonSchema(JsonFields.string(schema, "name", p + ".name"),
                        JsonFields.raw(schema.get("schema")), JsonFields.bool(schema, "strict", p + ".strict"));
            }
            default -> throw GatewayError.invalid("unsupported " + path + " type '" + type + "'", path + ".type");
        };
    }

    /** A schema needs a name in both APIs; one without gets {@code response}. Null renders as text. */
    public static ObjectNode encode(ResponseFormat format, OpenAiTools.Shape shape) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        switch (format) {
            case null -> o.put("type", "text");
            case ResponseFormat.Text t -> o.put("type", "text");
            case ResponseFormat.JsonObject j -> o.put("type", "json_object");
            case ResponseFormat.JsonSchema s -> {
                o.put("type", "json_schema");
                ObjectNode schema = shape == OpenAiTools.Shape.FLAT ? o : o.putObject("json_schema");
                schema.put("name", s.name() == null ? "response" : s.name());
                if (s.schemaJson() != null) {
                    schema.set("schema", OpenAiParams.tree(s.schemaJson()));
                }
                if (s.strict() != null) {
                    schema.put("strict", s.strict());
                }
            }
        }
        return o;
    }
}
