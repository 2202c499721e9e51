package dev.switchboard.format.openai;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.format.Dropped;
import dev.switchboard.format.Json;
import dev.switchboard.model.GatewayError;
import dev.switchboard.model.chat.ChatRequest;
import dev.switchboard.model.chat.Message;
import dev.switchboard.model.chat.Part;
import java.util.ArrayList;
import java.util.List;

/**
 * Canonical messages as Chat Completions {@code messages}. The official API has no place for
 * thinking in a request, so thinking parts are dropped (and reported); tool results that other
 * formats fold into a user turn come out as separate {@code tool} messages first, as OpenAI requires
 * them right after the assistant turn that made the calls.
 */
final class ChatMessagesEncoder {
    private final Dropped dropped;

    ChatMessagesEncoder(Dropped dropped) {
        this.dropped = dropped;
    }

    ArrayNode encode(ChatRequest request) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        String system = request.systemText();
        if (!system.isEmpty()) {
            out.addObject().put("role", "system").put("content", system);
        }
        if (request.system().stream().anyMatch(p -> !(p instanceof Part.Text))) {
            dropped.add("system (non-text parts)");
        }
        List<Message> messages = request.messages();
        for (int i = 0; i < messages.size(); i++) {
            Message m = messages.get(i);
            switch (m.role()) {
                case USER -> user(m, i, out);
                case ASSISTANT -> assistant(m, out);
                case TOOL -> toolResults(m.parts(), out);
            }
        }
        return out;
    }

    private void user(Message m, int index, ArrayNode out) {
        toolResults(m.parts(), out);
        List<Part> content = new ArrayList<>();
        for (Part p : m.parts()) {
            if (!(p instanceof Part.ToolResult)) {
                content.add(p);
            }
        }
        if (content.isEmpty() && m.parts().stream().anyMatch(p -> p instanceof Part.ToolResult)) {
            return;
        }
        ObjectNode msg = out.addObject().put("role", "user");
        if (content.size() == 1 && content.get(0) instanceof Part.Text t) {
            msg.put("content", t.text());
            return;
        }
        ArrayNode parts = msg.putArray("content");
        for (int j = 0; j < content.size(); j++) {
            userPart(content.get(j), "messages[" + index + "].content[" + j + "]", parts);
        }
    }

    private void userPart(Part p, String path, ArrayNode parts) {
        switch (p) {
            case Part.Text t -> parts.addObject().put("type", "text").put("text", t.text());
            case Part.Image img -> parts.addObject().put("type", "image_url").putObject("image_url")
                    .put("url", img.inline() ? DataUrl.of(img.mediaType(), img.data()) : img.url());
            case Part.Audio a -> parts.addObject().put("type", "input_audio").putObject("input_audio")
                    .put("data", a.data()).put("format", a.format());
            case Part.Document d -> {
                if (d.data() == null) {
                    throw GatewayError.invalid("OpenAI Chat Completions takes documents only inline (file_data), "
                            + "not by URL", path);
                }
                ObjectNode file = parts.addObject().put("type", "file").putObject("file");
                file.put("file_data", DataUrl.of(d.mediaType(), d.data()));
                if (d.name() != null) {
                    file.put("filename", d.name());
                }
            }
            case Part.Thinking th -> dropped.add("thinking");
            case Part.RedactedThinking r -> dropped.add("thinking");
            case Part.ToolCall c -> throw GatewayError.invalid("a user turn cannot carry a tool call", path);
            case Part.ToolResult r -> { } // sent as tool messages before the user turn
        }
    }

    private void assistant(Message m, ArrayNode out) {
        StringBuilder text = new StringBuilder();
        ArrayNode calls = Json.MAPPER.createArrayNode();
        for (Part p : m.parts()) {
            switch (p) {
                case Part.Text t -> text.append(t.text());
                case Part.ToolCall c -> {
                    ObjectNode call = calls.addObject().put("id", c.id()).put("type", "function");
                    call.putObject("function").put("name", c.name()).put("arguments", c.argsJson());
                }
                case Part.Thinking th -> dropped.add("thinking");
                case Part.RedactedThinking r -> dropped.add("thinking");
                default -> dropped.add("assistant " + kind(p));
            }
        }
        ObjectNode msg = out.addObject().put("role", "assistant");
        if (!text.isEmpty() || calls.isEmpty()) {
            msg.put("content", text.toString());
        } else {
            msg.putNull("content");
        }
        if (!calls.isEmpty()) {
            msg.set("tool_calls", calls);
        }
    }

    private void toolResults(List<Part> parts, ArrayNode out) {
        for (Part p : parts) {
            if (p instanceof Part.ToolResult r) {
                List<String> texts = new ArrayList<>();
                for (Part c : r.content()) {
                    if (c instanceof Part.Text t) {
                        texts.add(t.text());
                    } else {
                        dropped.add("tool result " + kind(c));
                    }
                }
                ObjectNode msg = out.addObject().put("role", "tool").put("tool_call_id", r.callId());
                if (texts.size() <= 1) {
                    msg.put("content", texts.isEmpty() ? "" : texts.get(0));
                } else {
                    ArrayNode content = msg.putArray("content");
                    texts.forEach(t -> content.addObject().put("type", "text").put("text", t));
                }
            }
        }
    }

    static String kind(Part p) {
        return switch (p) {
            case Part.Text t -> "text";
            case Part.Image i -> "images";
            case Part.Audio a -> "audio";
            case Part.Document d -> "documents";
            case Part.ToolCall c -> "tool calls";
            case Part.ToolResult r -> "tool results";
            case Part.Thinking t -> "thinking";
            case Part.RedactedThinking r -> "thinking";
        };
    }
}
