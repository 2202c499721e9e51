package dev.switchboard.format.openai;

import static dev.switchboard.format.openai.JsonFields.absent;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.model.GatewayError;
import dev.switchboard.model.chat.Part;
import java.util.ArrayList;
import java.util.List;

/** Message content as OpenAI sends it: a string, or an array of typed part objects. */
public final class ContentParts {
    /** Reads one part object; {@code path} names it for errors ({@code messages[0].content[2]}). */
    @FunctionalInterface
    public interface PartReader {
        Part read(JsonNode part, String path);
    }

    private ContentParts() {}

    public static List<Part> read(JsonNode content, String path, PartReader reader) {
        if (absent(content)) {
            return List.of();
        }
        if (content.isTextual()) {
            return List.of(new Part.Text(content.textValue()));
        }
        if (!content.isArray()) {
            throw GatewayError.invalid("'" + path + "' must be a string or an array of content parts", path);
        }
        List<Part> parts = new ArrayList<>(content.size());
        for (int j = 0; j < content.size(); j++) {
            String p = path + "[" + j + "]";
            parts.add(reader.read(JsonFields.object(content.get(j), p), p));
        }
        return parts;
    }

    /** The part's {@code type}, required. */
    public static String type(JsonNode part, String path) {
        return JsonFields.requireString(part, "type", path + ".type");
    }

    public static GatewayError unsupported(String type, String path) {
        return GatewayError.invalid("unsupported content part type '" + type + "'", path + ".type");
    }
}
