package dev.switchboard.format.openai;

import static dev.switchboard.format.openai.JsonFields.absent;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.format.SignedCallIds;
import dev.switchboard.model.GatewayError;
import dev.switchboard.model.chat.Message;
import dev.switchboard.model.chat.Part;
import dev.switchboard.model.chat.Role;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads Chat Completions {@code messages}: system and developer turns become the request's system
 * parts, user content parts become canonical parts (data: URLs become inline images and files),
 * assistant turns keep their tool calls and the {@code reasoning_content} that DeepSeek and vLLM
 * send, tool turns become tool results.
 */
final class ChatMessagesDecoder {
    private final List<Part> system = new ArrayList<>();
    private final List<Message> messages = new ArrayList<>();

    List<Part> system() {
        return system;
    }

    List<Message> messages() {
        return messages;
    }

    void decode(List<JsonNode> items) {
        for (int i = 0; i < items.size(); i++) {
            String path = "messages[" + i + "]";
            JsonNode m = JsonFields.object(items.get(i), path);
            String role = JsonFields.requireString(m, "role", path + ".role");
            switch (role) {
                case "system", "developer" -> system.addAll(textParts(m.get("content"), path + ".content"));
                case "user" -> messages.add(new Message(Role.USER,
                        ContentParts.read(m.get("content"), path + ".content", ChatMessagesDecoder::userPart)));
                case "assistant" -> messages.add(assistant(m, path));
                case "tool" -> messages.add(tool(m, path));
                case "function" -> throw GatewayError.invalid(
                        "'function' messages are deprecated and not supported; use 'tool' messages", path + ".role");
                default -> throw GatewayError.invalid("unknown message role '" + role + "'", path + ".role");
            }
        }
    }

    private static Part userPart(JsonNode part, String path) {
        String type = ContentParts.type(part, path);
        return switch (type) {
            case "text" -> new Part.Text(JsonFields.requireString(part, "text", path + ".text"));
            case "image_url" -> image(JsonFields.object(part.get("image_url"), path + ".image_url"), path + ".image_url");
            case "input_audio" -> {
                JsonNode audio = JsonFields.object(part.get("input_audio"), path + ".input_audio");
                yield new Part.Audio(JsonFields.requireString(audio, "data", path + ".input_audio.data"),
                        JsonFields.requireString(audio, "format", path + ".input_audio.format"));
            }
            case "file" -> file(JsonFields.object(part.get("file"), path + ".file"), path + ".file");
            default -> throw ContentParts.unsupported(type, path);
        };
    }

    private static Part image(JsonNode imageUrl, String path) {
        String url = JsonFields.requireString(imageUrl, "url", path + ".url");
        DataUrl inline = DataUrl.parse(url);
        return inline != null ? new Part.Image(null, inline.data(), inline.mediaType()) : new Part.Image(url, null, null);
    }

    private static Part file(JsonNode file, String path) {
        String data = JsonFields.string(file, "file_data", path + ".file_data");
        String name = JsonFields.string(file, "filename", path + ".filename");
        if (data == null) {
            // a file_id points into one OpenAI account's storage, which no other provider can read
            throw GatewayError.invalid("files must be sent inline as file_data; file_id cannot be forwarded",
                    path + (file.has("file_id") ? ".file_id" : ".file_data"));
        }
        DataUrl inline = DataUrl.parse(data);
        return inline != null
                ? new Part.Document(null, inline.data(), inline.mediaType(), name)
                : new Part.Document(null, data, null, name); // bare base64, as some clients send it
    }

    private static Message assistant(JsonNode m, String path) {
        List<Part> parts = new ArrayList<>();
        String reasoning = JsonFields.string(m, "reasoning_content", path + ".reasoning_content");
        if (reasoning != null && !reasoning.isEmpty()) {
            parts.add(new Part.Thinking(reasoning, null));
        }
        parts.addAll(textParts(m.get("content"), path + ".content"));
        String refusal = JsonFields.string(m, "refusal", path + ".refusal");
        if (refusal != null && !refusal.isEmpty()) {
            parts.add(new Part.Text(refusal));
        }
        List<JsonNode> calls = JsonFields.array(m, "tool_calls", path + ".tool_calls");
        for (int j = 0; j < calls.size(); j++) {
            String p = path + ".tool_calls[" + j + "]";
            JsonNode call = JsonFields.object(calls.get(j), p);
            String type = JsonFields.string(call, "type", p + ".type");
            if (type != null && !type.equals("function")) {
                throw GatewayError.invalid("unsupported tool call type '" + type + "'", p + ".type");
            }
            JsonNode fn = JsonFields.object(call.get("function"), p + ".function");
            JsonNode args = fn.get("arguments");
            String argsJson = absent(args) ? "{}" : args.isTextual() ? args.textValue() : args.toString();
            parts.add(SignedCallIds.call(JsonFields.requireString(call, "id", p + ".id"),
                    JsonFields.requireString(fn, "name", p + ".function.name"), argsJson));
        }
        return new Message(Role.ASSISTANT, parts);
    }

    private static Message tool(JsonNode m, String path) {
        String callId = SignedCallIds.callId(JsonFields.requireString(m, "tool_call_id", path + ".tool_call_id"));
        return new Message(Role.TOOL,
                List.of(new Part.ToolResult(callId, null, textParts(m.get("content"), path + ".content"), false)));
    }

    /** A string, or an array of {@code text} (and, in assistant turns, {@code refusal}) parts. */
    static List<Part> textParts(JsonNode content, String path) {
        if (absent(content)) {
            return List.of();
        }
        if (content.isTextual()) {
            return content.textValue().isEmpty() ? List.of() : List.of(new Part.Text(content.textValue()));
        }
        if (!content.isArray()) {
            throw GatewayError.invalid("'" + path + "' must be a string or an array of text parts", path);
        }
        List<Part> parts = new ArrayList<>(content.size());
        for (int j = 0; j < content.size(); j++) {
            String p = path + "[" + j + "]";
            JsonNode part = JsonFields.object(content.get(j), p);
            String type = JsonFields.requireString(part, "type", p + ".type");
            switch (type) {
                case "text" -> parts.add(new Part.Text(JsonFields.requireString(part, "text", p + ".text")));
                case "refusal" -> parts.add(new Part.Text(JsonFields.requireString(part, "refusal", p + ".refusal")));
                default -> throw GatewayError.invalid("only text parts are allowed here, not '" + type + "'", p + ".type");
            }
        }
        return parts;
    }
}
