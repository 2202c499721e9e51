package dev.switchboard.format.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.format.Dropped;
import dev.switchboard.model.GatewayError;
import dev.switchboard.model.chat.Part;
import java.util.List;
import java.util.Map;

/**
 * Writes canonical parts as Gemini {@code parts}. A signature-only {@link Part.Thinking} right after
 * a plain text part goes back onto that part (where Gemini put it); any other thinking is a
 * {@code thought: true} part. Redacted thinking has no Gemini form and is dropped.
 */
final class GeminiPartWriter {
    private final Dropped dropped;
    private final boolean strict;

    /**
     * @param dropped collects what was left out (null when writing an answer)
     * @param strict  true for requests: tool arguments that are not a JSON object are a 400; in answers
     *                they become an empty object rather than failing the whole response
     */
    GeminiPartWriter(Dropped dropped, boolean strict) {
        this.dropped = dropped;
        this.strict = strict;
    }

    /** The parts of a model turn. */
    void modelParts(List<Part> parts, String path, ArrayNode out) {
        for (int j = 0; j < parts.size(); j++) {
            Part p = parts.get(j);
            String at = path + "[" + j + "]";
            switch (p) {
                case Part.Text t -> out.addObject().put("text", t.text());
                case Part.Thinking th -> thinking(th, out);
                case Part.ToolCall c -> out.add(functionCall(c, at));
                case Part.RedactedThinking r -> drop("redacted_thinking");
                case Part.ToolResult r -> throw GatewayError.invalid("'" + at + "' is a tool result in an assistant turn", at);
                default -> out.add(GeminiMedia.write(p, at));
            }
        }
    }

    /** Text and media of a user turn. */
    void userParts(List<Part> parts, String path, ArrayNode out) {
        for (int j = 0; j < parts.size(); j++) {
            Part p = parts.get(j);
            String at = path + "[" + j + "]";
            switch (p) {
                case Part.Text t -> out.addObject().put("text", t.text());
                case Part.Thinking th -> drop("thinking");
                case Part.RedactedThinking r -> drop("redacted_thinking");
                case Part.ToolCall c -> throw GatewayError.invalid("'" + at + "' is a tool call in a user turn", at);
                case Part.ToolResult r -> throw GatewayError.invalid("'" + at + "' is a tool result in a user turn", at);
                default -> out.add(GeminiMedia.write(p, at));
            }
        }
    }

    /** Tool results as function responses; media inside a result follows its response part. */
    void toolResults(List<Part> parts, Map<String, String> namesById, String path, ArrayNode out) {
        for (int j = 0; j < parts.size(); j++) {
            String at = path + "[" + j + "]";
            if (!(parts.get(j) instanceof Part.ToolResult r)) {
                userParts(List.of(parts.get(j)), path, out);
                continue;
            }
            String name = r.name() != null ? r.name() : namesById.get(r.callId());
            if (name == null) {
                throw GatewayError.invalid("tool result '" + r.callId() + "' answers no earlier tool call; Gemini "
                        + "needs the function's name", at);
            }
            ObjectNode fr = out.addObject().putObject("functionResponse");
            fr.put("id", r.callId());
            fr.put("name", name);
            fr.set("response", GeminiToolResults.wrap(r));
            for (Part media : r.content()) {
                if (!(media instanceof Part.Text)) {
                    userParts(List.of(media), at + ".content", out);
                }
            }
        }
    }

    /**
     * An empty signature is no signature: the Anthropic encoder fills the required field with "" for
     * reasoning nobody signed, and Gemini would read "" as a (broken) signature of its own.
     */
    private void thinking(Part.Thinking th, ArrayNode out) {
        String text = th.text() == null ? "" : th.text();
        String signature = th.signature() == null || th.signature().isEmpty() ? null : th.signature();
        if (text.isEmpty() && signature == null) {
            return;
        }
        if (text.isEmpty() && !out.isEmpty() && plainText(out.get(out.size() - 1))) {
            ((ObjectNode) out.get(out.size() - 1)).put("thoughtSignature", signature);
            return;
        }
        ObjectNode part = out.addObject().put("text", text).put("thought", true);
        if (signature != null) {
            part.put("thoughtSignature", signature);
        }
    }

    private ObjectNode functionCall(Part.ToolCall c, String at) {
        ObjectNode part = GeminiJson.object();
        ObjectNode call = part.putObject("functionCall");
        call.put("id", c.id());
        call.put("name", c.name());
        call.set("args", args(c.argsJson(), at));
        if (c.signature() != null) {
            part.put("thoughtSignature", c.signature());
        }
        return part;
    }

    private JsonNode args(String argsJson, String at) {
        JsonNode args = argsJson == null || argsJson.isBlank() ? GeminiJson.object() : GeminiJson.tryParse(argsJson);
        if (args != null && args.isObject()) {
            return args;
        }
        if (strict) {
            throw GatewayError.invalid("'" + at + "' has arguments that are not a JSON object; Gemini needs one", at);
        }
        return GeminiJson.object();
    }

    private static boolean plainText(JsonNode part) {
        return part.has("text") && !part.has("thought") && !part.has("thoughtSignature");
    }

    private void drop(String what) {
        if (dropped != null) {
            dropped.add(what);
        }
    }
}
