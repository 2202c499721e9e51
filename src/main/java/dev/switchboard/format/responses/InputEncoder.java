package dev.switchboard.format.responses;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.format.Dropped;
import dev.switchboard.format.Json;
import dev.switchboard.format.openai.DataUrl;
import dev.switchboard.model.GatewayError;
import dev.switchboard.model.chat.Message;
import dev.switchboard.model.chat.Part;
import java.util.List;

/**
 * Canonical messages as Responses {@code input} items, each with its {@code type} (the API infers
 * {@code message} when it is missing, the official SDKs do not). Thinking goes back as a {@code reasoning}
 * item only when it carries the provider's opaque content (its signature); reasoning without it
 * cannot be replayed to OpenAI and is reported as dropped. Reasoning items are sent without an id:
 * an id makes OpenAI look the item up in storage, which fails for stateless ({@code store: false})
 * conversations, while the encrypted content alone carries the reasoning.
 */
final class InputEncoder {
    private final Dropped dropped;

    InputEncoder(Dropped dropped) {
        this.dropped = dropped;
    }

    ArrayNode encode(List<Message> messages) {
        ArrayNode input = Json.MAPPER.createArrayNode();
        for (int i = 0; i < messages.size(); i++) {
            Message m = messages.get(i);
            switch (m.role()) {
                case USER -> user(m, i, input);
                case ASSISTANT -> assistant(m, input);
                case TOOL -> toolResults(m, i, input);
            }
        }
        return input;
    }

    private void user(Message m, int index, ArrayNode input) {
        toolResults(m, index, input);
        ArrayNode content = Json.MAPPER.createArrayNode();
        for (int j = 0; j < m.parts().size(); j++) {
            Part p = m.parts().get(j);
            if (!(p instanceof Part.ToolResult)) {
                content(p, "messages[" + index + "].content[" + j + "]", content);
            }
        }
        if (!content.isEmpty()) {
            ObjectNode msg = input.addObject().put("type", "message").put("role", "user");
            msg.set("content", content);
        }
    }

    private void content(Part p, String path, ArrayNode out) {
        switch (p) {
            case Part.Text t -> out.addObject().put("type", "input_text").put("text", t.text());
            case Part.Image img -> out.addObject().put("type", "input_image").put("detail", "auto")
                    .put("image_url", img.inline() ? DataUrl.of(img.mediaType(), img.data()) : img.url());
            case Part.Document d -> {
                ObjectNode file = out.addObject().put("type", "input_file");
                if (d.data() != null) {
                    file.put("file_data", DataUrl.of(d.mediaType(), d.data()));
                } else {
                    file.put("file_url", d.url());
                }
                if (d.name() != null) {
                    file.put("filename", d.name());
                }
            }
            case Part.Audio a -> throw GatewayError.invalid("OpenAI Responses takes no audio input", path);
            case Part.Thinking th -> dropped.add("thinking");
            case Part.RedactedThinking r -> dropped.add("thinking");
            case Part.ToolCall c -> throw GatewayError.invalid("a user turn cannot carry a tool call", path);
            case Part.ToolResult r -> throw GatewayError.invalid("a tool result cannot be nested here", path);
        }
    }

    private void assistant(Message m, ArrayNode input) {
        StringBuilder text = new StringBuilder();
        for (Part p : m.parts()) {
            if (p instanceof Part.Text t) {
                text.append(t.text());
                continue;
            }
            flushText(text, input);
            switch (p) {
                case Part.ToolCall c -> input.addObject().put("type", "function_call").put("call_id", c.id())
                        .put("name", c.name()).put("arguments", c.argsJson());
                case Part.Thinking th when th.signature() != null ->
                        input.add(reasoning(th.text(), th.signature()));
                case Part.RedactedThinking r -> input.add(reasoning(null, r.data()));
                case Part.Thinking th -> dropped.add("thinking");
                default -> dropped.add("assistant images, audio or documents");
            }
        }
        flushText(text, input);
    }

    private static ObjectNode reasoning(String summary, String encrypted) {
        ObjectNode item = OutputItems.reasoning("unused", summary, encrypted);
        item.remove("id");
        return item;
    }

    private static void flushText(StringBuilder text, ArrayNode input) {
        if (!text.isEmpty()) {
            input.addObject().put("type", "message").put("role", "assistant").put("content", text.toString());
            text.setLength(0);
        }
    }

    private void toolResults(Message m, int index, ArrayNode input) {
        for (Part p : m.parts()) {
            if (p instanceof Part.ToolResult r) {
                ObjectNode item = input.addObject().put("type", "function_call_output").put("call_id", r.callId());
                if (r.content().stream().allMatch(c -> c instanceof Part.Text)) {
                    StringBuilder text = new StringBuilder();
                    r.content().forEach(c -> text.append(((Part.Text) c).text()));
                    item.put("output", text.toString());
                } else {
                    ArrayNode output = item.putArray("output");
                    for (Part c : r.content()) {
                        content(c, "messages[" + index + "].tool_result", output);
                    }
                }
            }
        }
    }
}
