package dev.switchboard.format.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.format.Dropped;
import dev.switchboard.model.GatewayError;
import dev.switchboard.model.chat.Message;
import dev.switchboard.model.chat.Part;
import dev.switchboard.model.chat.Role;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Canonical system parts and messages as Anthropic {@code system} and {@code messages}. Tool messages
 * fold into the user turn (tool results first, as Anthropic requires), consecutive turns of one side
 * are merged, and empty turns are left out (Anthropic rejects them). Errors name canonical paths
 * ({@code messages[2].content[0]}) since the request did not come in Anthropic's words.
 */
final class AnthropicContentEncoder {
    static final String PDF = "application/pdf";
    static final String PLAIN_TEXT = "text/plain";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private AnthropicContentEncoder() {}

    /** The {@code system} value: one string, or text blocks when there are several; null when empty. */
    static JsonNode system(List<Part> system) {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < system.size(); i++) {
            if (!(system.get(i) instanceof Part.Text t)) {
                throw GatewayError.invalid("Anthropic accepts only text in the system prompt", "system[" + i + "]");
            }
            if (!t.text().isEmpty()) {
                texts.add(t.text());
            }
        }
        if (texts.isEmpty()) {
            return null;
        }
        if (texts.size() == 1) {
            return NODES.textNode(texts.get(0));
        }
        ArrayNode blocks = NODES.arrayNode();
        texts.forEach(t -> blocks.addObject().put("type", "text").put("text", t));
        return blocks;
    }

    static ArrayNode messages(List<Message> messages, Dropped dropped) {
        List<String> roles = new ArrayList<>();
        List<ArrayNode> contents = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            Message m = messages.get(i);
            String role = m.role() == Role.ASSISTANT ? "assistant" : "user";
            ArrayNode blocks = NODES.arrayNode();
            for (int j = 0; j < m.parts().size(); j++) {
                JsonNode block = block(m.parts().get(j), "messages[" + i + "].content[" + j + "]", dropped);
                if (block != null) {
                    blocks.add(block);
                }
            }
            if (blocks.isEmpty()) {
                continue;
            }
            int last = roles.size() - 1;
            if (last >= 0 && roles.get(last).equals(role)) {
                mergeInto(contents.get(last), blocks);
            } else {
                roles.add(role);
                contents.add(blocks);
            }
        }
        ArrayNode out = NODES.arrayNode();
        for (int i = 0; i < roles.size(); i++) {
            ObjectNode msg = out.addObject().put("role", roles.get(i));
            ArrayNode blocks = contents.get(i);
            if (blocks.size() == 1 && "text".equals(blocks.get(0).path("type").asText())) {
                msg.set("content", blocks.get(0).get("text"));
            } else {
                msg.set("content", blocks);
            }
        }
        return out;
    }

    /** Appends a turn's blocks to the previous one of the same side, keeping tool results in front. */
    private static void mergeInto(ArrayNode target, ArrayNode blocks) {
        int firstOther = 0;
        while (firstOther < target.size() && isToolResult(target.get(firstOther))) {
            firstOther++;
        }
        for (JsonNode b : blocks) {
            if (isToolResult(b) && firstOther < target.size()) {
                target.insert(firstOther++, b);
            } else {
                target.add(b);
                if (isToolResult(b)) {
                    firstOther++;
                }
            }
        }
    }

    private static boolean isToolResult(JsonNode block) {
        return "tool_result".equals(block.path("type").asText());
    }

    /** One part as a block, or null when it has no Anthropic form that would be accepted. */
    private static JsonNode block(Part part, String at, Dropped dropped) {
        return switch (part) {
            case Part.Text t -> t.text().isEmpty() ? null : text(t.text());
            case Part.Image img -> image(img, at);
            case Part.Document doc -> document(doc, at);
            case Part.Audio a -> throw GatewayError.invalid("Anthropic does not accept audio input", at);
            case Part.ToolCall call -> toolUse(call, call.id()); // an upstream needs no Gemini signature
            case Part.ToolResult result -> toolResult(result, at);
            case Part.Thinking th -> {
                // Anthropic verifies every thinking block by its signature; an unsigned one (another
                // provider's reasoning) would be rejected, so it is left out and said so.
                if (th.signature() == null || th.signature().isEmpty()) {
                    dropped.add("thinking");
                    yield null;
                }
                yield NODES.objectNode().put("type", "thinking").put("thinking", th.text() == null ? "" : th.text())
                        .put("signature", th.signature());
            }
            case Part.RedactedThinking r -> NODES.objectNode().put("type", "redacted_thinking").put("data", r.data());
        };
    }

    static ObjectNode text(String text) {
        return NODES.objectNode().put("type", "text").put("text", text);
    }

    /**
     * A tool call under the id {@code id}; arguments that are not a JSON object (a cut-off stream's)
     * become the empty object.
     */
    static ObjectNode toolUse(Part.ToolCall call, String id) {
        ObjectNode b = NODES.objectNode().put("type", "tool_use").put("id", id).put("name", call.name());
        JsonNode args = AnthropicJson.tryRaw(call.argsJson());
        b.set("input", args != null && args.isObject() ? args : NODES.objectNode());
        return b;
    }

    private static ObjectNode toolResult(Part.ToolResult result, String at) {
        ObjectNode b = NODES.objectNode().put("type", "tool_result").put("tool_use_id", result.callId());
        List<Part> content = result.content();
        if (content.size() == 1 && content.get(0) instanceof Part.Text t) {
            b.put("content", t.text());
        } else if (!content.isEmpty()) {
            ArrayNode blocks = b.putArray("content");
            for (int i = 0; i < content.size(); i++) {
                String partAt = at + ".content[" + i + "]";
                switch (content.get(i)) {
                    case Part.Text t -> blocks.add(text(t.text()));
                    case Part.Image img -> blocks.add(image(img, partAt));
                    case Part.Document doc -> blocks.add(document(doc, partAt));
                    default -> throw GatewayError.invalid("Anthropic tool results hold only text, images and documents", partAt);
                }
            }
        }
        if (result.isError()) {
            b.put("is_error", true);
        }
        return b;
    }

    /** Images by URL or inline; a {@code data:} URL (OpenAI clients send those) becomes inline base64. */
    private static ObjectNode image(Part.Image img, String at) {
        ObjectNode b = NODES.objectNode().put("type", "image");
        ObjectNode src = b.putObject("source");
        if (img.inline()) {
            src.put("type", "base64").put("media_type", img.mediaType()).put("data", img.data());
        } else if (img.url() != null && img.url().startsWith("data:")) {
            DataUrl d = DataUrl.parse(img.url(), at);
            src.put("type", "base64").put("media_type", d.mediaType()).put("data", d.base64());
        } else if (img.url() != null) {
            src.put("type", "url").put("url", img.url());
        } else {
            throw GatewayError.invalid("image has neither a URL nor data", at);
        }
        return b;
    }

    /** PDFs (base64 or URL) and plain text; Anthropic takes no other document type. */
    private static ObjectNode document(Part.Document doc, String at) {
        ObjectNode b = NODES.objectNode().put("type", "document");
        ObjectNode src = b.putObject("source");
        String mediaType = doc.mediaType();
        if (doc.data() == null && doc.url() != null && doc.url().startsWith("data:")) {
            DataUrl d = DataUrl.parse(doc.url(), at);
            doc = new Part.Document(null, d.base64(), d.mediaType(), doc.name());
            mediaType = d.mediaType();
        }
        if (doc.data() == null && doc.url() != null) {
            if (mediaType != null && !PDF.equals(mediaType)) {
                throw GatewayError.invalid("Anthropic accepts documents by URL only as PDF, not " + mediaType, at);
            }
            src.put("type", "url").put("url", doc.url());
        } else if (doc.data() != null && PDF.equals(mediaType)) {
            src.put("type", "base64").put("media_type", PDF).put("data", doc.data());
        } else if (doc.data() != null && PLAIN_TEXT.equals(mediaType)) {
            src.put("type", "text").put("media_type", PLAIN_TEXT).put("data", decodeText(doc.data(), at));
        } else {
            throw GatewayError.invalid("Anthropic accepts PDF and plain-text documents, not " + mediaType, at);
        }
        if (doc.name() != null) {
            b.put("title", doc.name());
        }
        return b;
    }

    private static String decodeText(String base64, String at) {
        try {
            return new String(Base64.getMimeDecoder().decode(base64), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw GatewayError.invalid("document data is not valid base64", at);
        }
    }

    /** {@code data:<media type>;base64,<data>}. */
    private record DataUrl(String mediaType, String base64) {
        static DataUrl parse(String url, String at) {
            int comma = url.indexOf(',');
            String meta = comma < 0 ? "" : url.substring(5, comma);
            if (comma < 0 || !meta.endsWith(";base64")) {
                throw GatewayError.invalid("only base64 data URLs can be sent to Anthropic", at);
            }
            return new DataUrl(meta.substring(0, meta.length() - ";base64".length()), url.substring(comma + 1));
        }
    }
}
