package dev.switchboard.format.openai;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.format.Json;
import dev.switchboard.format.JsonText;
import dev.switchboard.format.SignedCallIds;
import dev.switchboard.format.StreamEncoder;
import dev.switchboard.model.GatewayError;
import dev.switchboard.model.chat.BlockKind;
import dev.switchboard.model.chat.StreamEvent;
import java.util.HashMap;
import java.util.Map;

/**
 * Canonical events as {@code chat.completion.chunk} events, the way OpenAI streams them: a first
 * chunk with the role, content and tool-call fragments, a chunk with the finish reason, the
 * usage-only chunk ({@code choices: []}) only when the client asked with
 * {@code stream_options.include_usage}, then {@code data: [DONE]}.
 *
 * <p>Thinking blocks are skipped: the official API has no reasoning field in chunks and the official
 * SDKs would ignore one, so sending it would only cost bytes (and leak reasoning to clients that
 * never asked for a non-standard field).
 */
public final class OpenAiChatStreamEncoder implements StreamEncoder {
    private static final JsonStringEncoder JSON_STRINGS = JsonStringEncoder.getInstance();
    private final boolean includeUsage;
    private final Map<Integer, Integer> toolIndexOfBlock = new HashMap<>();
    private String id = "";
    private String model = "";
    private long created;
    /** The text of every content chunk of this stream but the text itself, built at Start. */
    private String textPrefix;
    private String textSuffix;

    public OpenAiChatStreamEncoder(boolean includeUsage) {
        this.includeUsage = includeUsage;
    }

    @Override
    public void encode(StreamEvent event, StringBuilder out) {
        switch (event) {
            case StreamEvent.Start s -> {
                id = s.id();
                model = s.model();
                created = s.created();
                textTemplate();
                ObjectNode delta = Json.MAPPER.createObjectNode().put("role", "assistant").put("content", "");
                write(chunk(delta, null), out);
            }
            case StreamEvent.BlockStart b when b.kind() == BlockKind.TOOL_CALL -> {
                int toolIndex = toolIndexOfBlock.size();
                toolIndexOfBlock.put(b.index(), toolIndex);
                ObjectNode call = toolCallDelta(toolIndex);
                call.put("id", SignedCallIds.join(b.toolCallId(), b.signature())).put("type", "function");
                call.putObject("function").put("name", b.toolName()).put("arguments", "");
                write(chunk(wrap(call), null), out);
            }
            case StreamEvent.TextDelta t -> text(t.text(), out);
            case StreamEvent.ToolArgsDelta a -> {
                Integer toolIndex = toolIndexOfBlock.get(a.index());
                if (toolIndex != null) {
                    ObjectNode call = toolCallDelta(toolIndex);
                    call.putObject("function").put("arguments", a.fragment());
                    write(chunk(wrap(call), null), out);
                }
            }
            case StreamEvent.Finish f -> {
                write(chunk(Json.MAPPER.createObjectNode(), ChatFinishReasons.encode(f.stopReason())), out);
                if (includeUsage) {
                    ObjectNode last = envelope();
                    last.putArray("choices");
                    last.set("usage", UsageJson.chat(f.usage()));
                    write(last, out);
                }
                out.append("data: [DONE]\n\n");
            }
            case StreamEvent.Error e -> out.append("data: ").append(OpenAiErrors.json(new GatewayError(e.kind(), e.message())))
                    .append("\n\n");
            default -> { } // block starts and stops of text, thinking deltas and signatures have no chunk
        }
    }

    /**
     * Content chunks differ only in their text, and a stream is mostly content chunks: they are the
     * template around the quoted text instead of a tree each (the same bytes, as a test checks).
     */
    private void textTemplate() {
        String marker = "\u0000text\u0000";
        String whole = JsonText.of(chunk(Json.MAPPER.createObjectNode().put("content", marker), null));
        String quoted = JsonText.of(Json.MAPPER.getNodeFactory().textNode(marker));
        int at = whole.lastIndexOf(quoted); // the content is the last string of a chunk
        textPrefix = "data: " + whole.substring(0, at);
        textSuffix = whole.substring(at + quoted.length()) + "\n\n";
    }

    private void text(String text, StringBuilder out) {
        if (textPrefix == null) {
            textTemplate(); // a stream without Start still gets well-formed chunks
        }
        out.append(textPrefix).append('"');
        JSON_STRINGS.quoteAsString(text, out);
        out.append('"').append(textSuffix);
    }

    private static ObjectNode toolCallDelta(int toolIndex) {
        return Json.MAPPER.createObjectNode().put("index", toolIndex);
    }

    private static ObjectNode wrap(ObjectNode call) {
        ObjectNode delta = Json.MAPPER.createObjectNode();
        delta.putArray("tool_calls").add(call);
        return delta;
    }

    private ObjectNode envelope() {
        return Json.MAPPER.createObjectNode().put("id", id).put("object", "chat.completion.chunk")
                .put("created", created).put("model", model);
    }

    private ObjectNode chunk(ObjectNode delta, String finishReason) {
        ObjectNode chunk = envelope();
        ArrayNode choices = chunk.putArray("choices");
        ObjectNode choice = choices.addObject().put("index", 0);
        choice.set("delta", delta);
        choice.putNull("logprobs");
        if (finishReason == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finishReason);
        }
        if (includeUsage) {
            chunk.putNull("usage"); // OpenAI marks every chunk but the last this way when usage was asked for
        }
        return chunk;
    }

    private static void write(ObjectNode chunk, StringBuilder out) {
        JsonText.append(out.append("data: "), chunk).append("\n\n");
    }
}
