package dev.switchboard.format.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.model.chat.Part;
import java.util.ArrayList;
import java.util.List;

/**
 * Gemini's {@code functionResponse.response} must be a JSON object, while the other formats send a
 * tool's result as text. Text that already is a JSON object travels as that object; other text is
 * wrapped as {@code {"result": "…"}}, or {@code {"error": "…"}} for a failed call (the key Gemini's
 * docs name for failures). Decoding unwraps the same two shapes and keeps any other object as its
 * JSON text.
 */
final class GeminiToolResults {
    private GeminiToolResults() {}

    record Unwrapped(List<Part> content, boolean isError) {}

    static ObjectNode wrap(Part.ToolResult result) {
        String text = text(result.content());
        JsonNode parsed = GeminiJson.tryParse(text);
        if (parsed != null && parsed.isObject()) {
            ObjectNode obj = (ObjectNode) parsed;
            if (!result.isError() || obj.has("error")) {
                return obj;
            }
            ObjectNode wrapped = GeminiJson.object();
            wrapped.set("error", obj);
            return wrapped;
        }
        ObjectNode wrapped = GeminiJson.object();
        wrapped.put(result.isError() ? "error" : "result", text);
        return wrapped;
    }

    static Unwrapped unwrap(JsonNode response) {
        if (response == null || response.isNull()) {
            return new Unwrapped(List.of(), false);
        }
        if (response.isObject() && response.size() == 1) {
            String key = response.fieldNames().next();
            JsonNode value = response.get(key);
            boolean error = key.equals("error");
            if ((error || key.equals("result") || key.equals("output")) && value.isTextual()) {
                String text = value.asText();
                return new Unwrapped(text.isEmpty() ? List.of() : List.of(new Part.Text(text)), error);
            }
            return new Unwrapped(List.of(new Part.Text(GeminiJson.write(response))), error);
        }
        return new Unwrapped(List.of(new Part.Text(GeminiJson.write(response))), false);
    }

    /** The text parts of a result joined; media parts travel beside the functionResponse. */
    static String text(List<Part> content) {
        List<String> texts = new ArrayList<>();
        for (Part p : content) {
            if (p instanceof Part.Text t) {
                texts.add(t.text());
            }
        }
        return String.join("\n", texts);
    }
}
