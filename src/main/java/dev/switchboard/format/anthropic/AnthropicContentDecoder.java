package dev.switchboard.format.anthropic;

import static dev.switchboard.format.anthropic.AnthropicJson.invalid;
import static dev.switchboard.format.anthropic.AnthropicJson.optBool;
import static dev.switchboard.format.anthropic.AnthropicJson.optText;
import static dev.switchboard.format.anthropic.AnthropicJson.path;
import static dev.switchboard.format.anthropic.AnthropicJson.reqText;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.format.SignedCallIds;
import dev.switchboard.model.chat.Message;
import dev.switchboard.model.chat.Part;
import dev.switchboard.model.chat.Role;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A client's {@code system} and {@code messages} as canonical parts and messages. Tool results, which
 * Anthropic carries inside the user turn, become canonical {@link Role#TOOL} messages: a user turn is
 * split into runs of tool results and other content, in order, so nothing moves. Block types the
 * canonical model cannot hold (server tools, files by id, search results) are a 400 naming the block.
 */
final class AnthropicContentDecoder {
    private AnthropicContentDecoder() {}

    /** {@code system}: a string or an array of text blocks. */
    static List<Part> system(JsonNode system) {
        List<Part> parts = new ArrayList<>();
        if (system == null || system.isNull()) {
            return parts;
        }
        if (system.isTextual()) {
            parts.add(new Part.Text(system.textValue()));
            return parts;
        }
        if (!system.isArray()) {
            throw invalid("system", "must be a string or an array of text blocks");
        }
        for (int i = 0; i < system.size(); i++) {
            parts.add(systemText(system.get(i), path("system", i)));
        }
        return parts;
    }

    private static Part.Text systemText(JsonNode block, String at) {
        if (!block.isObject() || !"text".equals(block.path("type").asText())) {
            throw invalid(at, "system blocks must be text blocks");
        }
        return new Part.Text(reqText(block, "text", at));
    }

    /**
     * {@code messages}. Leading {@code system}-role messages (a newer form of the system prompt) are
     * appended to {@code system}; one after the conversation has begun has no canonical place.
     */
    static List<Message> messages(JsonNode messages, List<Part> system) {
        if (messages == null || !messages.isArray()) {
            throw invalid("messages", messages == null ? "Field required" : "must be an array");
        }
        List<Message> out = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            String at = path("messages", i);
            JsonNode m = AnthropicJson.objectAt(messages, i, "messages");
            String role = reqText(m, "role", at);
            switch (role) {
                case "user" -> userTurn(m.get("content"), path(at, "content"), out);
                case "assistant" -> out.add(new Message(Role.ASSISTANT, blocks(m.get("content"), path(at, "content"), false)));
                case "system" -> {
                    if (!out.isEmpty()) {
                        throw invalid(path(at, "role"), "a system message is only accepted before the conversation starts");
                    }
                    system.addAll(system(m.get("content")));
                }
                default -> throw invalid(path(at, "role"), "must be user or assistant");
            }
        }
        return out;
    }

    /** Splits a user turn into runs of tool results (TOOL messages) and other content (USER messages). */
    private static void userTurn(JsonNode content, String at, List<Message> out) {
        List<Part> parts = blocks(content, at, true);
        List<Part> run = new ArrayList<>();
        Role runRole = null;
        for (Part p : parts) {
            Role role = p instanceof Part.ToolResult ? Role.TOOL : Role.USER;
            if (runRole != null && role != runRole) {
                out.add(new Message(runRole, run));
                run = new ArrayList<>();
            }
            runRole = role;
            run.add(p);
        }
        out.add(new Message(runRole == null ? Role.USER : runRole, run));
    }

    /** Message content: a string (one text block) or an array of blocks. */
    static List<Part> blocks(JsonNode content, String at, boolean userTurn) {
        List<Part> parts = new ArrayList<>();
        if (content == null || content.isNull()) {
            throw invalid(at, "Field required");
        }
        if (content.isTextual()) {
            parts.add(new Part.Text(content.textValue()));
            return parts;
        }
        if (!content.isArray()) {
            throw invalid(at, "must be a string or an array of content blocks");
        }
        for (int i = 0; i < content.size(); i++) {
            parts.add(block(content.get(i), path(at, i), userTurn));
        }
        return parts;
    }

    private static Part block(JsonNode b, String at, boolean userTurn) {
        String type = blockType(b, at);
        return switch (type) {
            case "thinking" -> new Part.Thinking(reqText(b, "thinking", at), optText(b, "signature", at));
            case "redacted_thinking" -> new Part.RedactedThinking(reqText(b, "data", at));
            case "tool_use" -> SignedCallIds.call(reqText(b, "id", at), reqText(b, "name", at), input(b));
            case "tool_result" -> {
                if (!userTurn) {
                    throw invalid(path(at, "type"), "tool_result blocks belong in user messages");
                }
                yield toolResult(b, at);
            }
            default -> media(b, type, at, "content block");
        };
    }

    private static String blockType(JsonNode b, String at) {
        if (!b.isObject()) {
            throw invalid(at, "must be an object");
        }
        return reqText(b, "type", at);
    }

    /** Text, image and document blocks, which both message content and tool results hold. */
    private static Part media(JsonNode b, String type, String at, String what) {
        return switch (type) {
            case "text" -> new Part.Text(reqText(b, "text", at));
            case "image" -> image(b, at);
            case "document" -> document(b, at);
            default -> throw invalid(path(at, "type"), what + " type '" + type + "' cannot be translated");
        };
    }

    /** The tool input as raw JSON text; an absent input is the empty object. */
    private static String input(JsonNode b) {
        JsonNode input = b.get("input");
        return input == null || input.isNull() ? "{}" : input.toString();
    }

    private static Part.ToolResult toolResult(JsonNode b, String at) {
        String id = SignedCallIds.callId(reqText(b, "tool_use_id", at));
        JsonNode content = b.get("content");
        List<Part> parts = new ArrayList<>();
        if (content != null && !content.isNull()) {
            if (content.isTextual()) {
                parts.add(new Part.Text(content.textValue()));
            } else if (content.isArray()) {
                for (int i = 0; i < content.size(); i++) {
                    String blockAt = path(path(at, "content"), i);
                    parts.add(media(content.get(i), blockType(content.get(i), blockAt), blockAt, "tool result block"));
                }
            } else {
                throw invalid(path(at, "content"), "must be a string or an array of content blocks");
            }
        }
        return new Part.ToolResult(id, null, parts, Boolean.TRUE.equals(optBool(b, "is_error", at)));
    }

    private static Part.Image image(JsonNode b, String at) {
        String srcAt = path(at, "source");
        JsonNode src = source(b, srcAt);
        String type = reqText(src, "type", srcAt);
        return switch (type) {
            case "base64" -> new Part.Image(null, reqText(src, "data", srcAt), reqText(src, "media_type", srcAt));
            case "url" -> new Part.Image(reqText(src, "url", srcAt), null, null);
            default -> throw invalid(path(srcAt, "type"), "image source type '" + type + "' cannot be translated");
        };
    }

    /**
     * Documents: a PDF (base64 or by URL, which Anthropic only accepts for PDFs) or plain text. The
     * canonical part holds base64, so plain text is carried base64-encoded with media type text/plain.
     */
    private static Part.Document document(JsonNode b, String at) {
        String srcAt = path(at, "source");
        JsonNode src = source(b, srcAt);
        String type = reqText(src, "type", srcAt);
        String title = optText(b, "title", at);
        return switch (type) {
            case "base64" -> new Part.Document(null, reqText(src, "data", srcAt), reqText(src, "media_type", srcAt), title);
            case "url" -> new Part.Document(reqText(src, "url", srcAt), null, AnthropicContentEncoder.PDF, title);
            case "text" -> new Part.Document(null, Base64.getEncoder().encodeToString(
                    reqText(src, "data", srcAt).getBytes(StandardCharsets.UTF_8)), AnthropicContentEncoder.PLAIN_TEXT, title);
            default -> throw invalid(path(srcAt, "type"), "document source type '" + type + "' cannot be translated");
        };
    }

    private static JsonNode source(JsonNode b, String srcAt) {
        JsonNode src = b.get("source");
        if (src == null || !src.isObject()) {
            throw invalid(srcAt, src == null ? "Field required" : "must be an object");
        }
        return src;
    }
}
