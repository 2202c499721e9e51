package dev.switchboard.format.responses;

import static dev.switchboard.format.openai.JsonFields.absent;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.format.SignedCallIds;
import dev.switchboard.format.openai.ContentParts;
import dev.switchboard.format.openai.DataUrl;
import dev.switchboard.format.openai.JsonFields;
import dev.switchboard.model.GatewayError;
import dev.switchboard.model.chat.Message;
import dev.switchboard.model.chat.Part;
import dev.switchboard.model.chat.Role;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads Responses {@code input}: a string, or items. Messages, {@code function_call},
 * {@code function_call_output} and {@code reasoning} items become canonical messages; consecutive
 * assistant-side items (reasoning, assistant text, calls) form one assistant turn. Items that only
 * make sense against OpenAI's stored state ({@code item_reference}, file ids) are refused with a 400
 * naming the item, since no other provider can resolve them.
 */
final class InputDecoder {
    private final List<Part> system = new ArrayList<>();
    private final List<Message> messages = new ArrayList<>();
    private List<Part> assistant = new ArrayList<>();

    List<Part> system() {
        return system;
    }

    List<Message> messages() {
        return messages;
    }

    void decode(JsonNode input) {
        if (absent(input)) {
            throw GatewayError.invalid("missing required parameter: 'input'", "input");
        }
        if (input.isTextual()) {
            messages.add(Message.text(Role.USER, input.textValue()));
            return;
        }
        if (!input.isArray()) {
            throw GatewayError.invalid("'input' must be a string or an array of items", "input");
        }
        for (int i = 0; i < input.size(); i++) {
            item(JsonFields.object(input.get(i), "input[" + i + "]"), "input[" + i + "]");
        }
        flushAssistant();
    }

    private void item(JsonNode item, String path) {
        String type = JsonFields.string(item, "type", path + ".type");
        switch (type == null ? "message" : type) {
            case "message" -> message(item, path);
            case "function_call" -> assistant.add(SignedCallIds.call(
                    JsonFields.requireString(item, "call_id", path + ".call_id"),
                    JsonFields.requireString(item, "name", path + ".name"),
                    argumentsOf(item.get("arguments"))));
            case "function_call_output" -> {
                flushAssistant();
                messages.add(new Message(Role.TOOL, List.of(new Part.ToolResult(
                        SignedCallIds.callId(JsonFields.requireString(item, "call_id", path + ".call_id")), null,
                        output(item.get("output"), path + ".output"), false))));
            }
            case "reasoning" -> {
                Part thinking = reasoning(item);
                if (thinking != null) {
                    assistant.add(thinking);
                }
            }
            default -> throw GatewayError.invalid("input items of type '" + type + "' cannot be translated", path + ".type");
        }
    }

    private void message(JsonNode item, String path) {
        String role = JsonFields.requireString(item, "role", path + ".role");
        JsonNode content = item.get("content");
        switch (role) {
            case "user" -> {
                flushAssistant();
                messages.add(new Message(Role.USER, parts(content, path + ".content")));
            }
            case "assistant" -> assistant.addAll(parts(content, path + ".content"));
            case "system", "developer" -> system.addAll(parts(content, path + ".content"));
            default -> throw GatewayError.invalid("unknown message role '" + role + "'", path + ".role");
        }
    }

    private void flushAssistant() {
        if (!assistant.isEmpty()) {
            messages.add(new Message(Role.ASSISTANT, assistant));
            assistant = new ArrayList<>();
        }
    }

    /** Summary text and encrypted content; a summary-less item with content is redacted thinking. */
    static Part reasoning(JsonNode item) {
        StringBuilder text = new StringBuilder();
        for (JsonNode s : item.path("summary")) {
            appendParagraph(text, s.path("text").asText(""));
        }
        if (text.isEmpty()) {
            for (JsonNode c : item.path("content")) { // reasoning_text of open-weight models
                appendParagraph(text, c.path("text").asText(""));
            }
        }
        JsonNode enc = item.get("encrypted_content");
        String encrypted = enc != null && enc.isTextual() ? enc.textValue() : null;
        if (!text.isEmpty()) {
            return new Part.Thinking(text.toString(), encrypted);
        }
        return encrypted != null ? new Part.RedactedThinking(encrypted) : null;
    }

    static void appendParagraph(StringBuilder text, String paragraph) {
        if (!paragraph.isEmpty()) {
            text.append(text.isEmpty() ? "" : "\n\n").append(paragraph);
        }
    }

    private static String argumentsOf(JsonNode args) {
        return absent(args) ? "{}" : args.isTextual() ? args.textValue() : args.toString();
    }

    private static List<Part> output(JsonNode output, String path) {
        return parts(output, path);
    }

    private static List<Part> parts(JsonNode content, String path) {
        return ContentParts.read(content, path, InputDecoder::part);
    }

    private static Part part(JsonNode part, String path) {
        String type = ContentParts.type(part, path);
        return switch (type) {
            case "input_text", "output_text" -> new Part.Text(JsonFields.requireString(part, "text", path + ".text"));
            case "refusal" -> new Part.Text(JsonFields.requireString(part, "refusal", path + ".refusal"));
            case "input_image" -> {
                String url = JsonFields.string(part, "image_url", path + ".image_url");
                if (url == null) {
                    throw GatewayError.invalid("images must be sent as image_url; file_id cannot be forwarded",
                            path + (part.has("file_id") ? ".file_id" : ".image_url"));
                }
                DataUrl inline = DataUrl.parse(url);
                yield inline != null ? new Part.Image(null, inline.data(), inline.mediaType()) : new Part.Image(url, null, null);
            }
            case "input_file" -> file(part, path);
            default -> throw ContentParts.unsupported(type, path);
        };
    }

    private static Part file(JsonNode part, String path) {
        String name = JsonFields.string(part, "filename", path + ".filename");
        String data = JsonFields.string(part, "file_data", path + ".file_data");
        if (data != null) {
            DataUrl inline = DataUrl.parse(data);
            return inline != null ? new Part.Document(null, inline.data(), inline.mediaType(), name)
                    : new Part.Document(null, data, null, name);
        }
        String url = JsonFields.string(part, "file_url", path + ".file_url");
        if (url == null) {
            throw GatewayError.invalid("files must be sent as file_data or file_url; file_id cannot be forwarded",
                    path + (part.has("file_id") ? ".file_id" : ".file_data"));
        }
        return new Part.Document(url, null, null, name);
    }
}
