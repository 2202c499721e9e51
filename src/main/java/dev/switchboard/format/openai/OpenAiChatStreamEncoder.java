package dev.switchboard.format.openai;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.format.Json;
import dev.switchboard.format.JsonText;
import dev.switchboard.format.SignedCallIds;
import dev.switchboard.format.StreamEncoder;
import dev.switchboard.model.GatewayError;
import dev.switchboard.model.chat.BlockKind;
import dev.switchboard.model.chat.StreamEvent;
import dev.switchboard.sse.StreamText;
import java.nio.charset.StandardCharsets;
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
    // the constant parts of every chunk, as the bytes they go out as
    private static final byte[] OPEN_CHOICE = ascii("{\"index\":0,\"delta\":");
    private static final byte[] CONTENT = ascii("{\"content\":");
    private static final byte[] CLOSE_DELTA = ascii(",\"logprobs\":null,\"finish_reason\":");
    private static final byte[] NULL = ascii("null");
    private static final byte[] END_WITH_USAGE = ascii("}],\"usage\":null}\n\n");
    private static final byte[] END = ascii("}]}\n\n");
    private final boolean includeUsage;
    private final Map<Integer, Integer> toolIndexOfBlock = new HashMap<>();
    private String id = "";
    private String model = "";
    private long created;
    /** {@code data: } and the envelope of every chunk up to its choices, as UTF-8; made at the first chunk. */
    private byte[] envelope;

    public OpenAiChatStreamEncoder(boolean includeUsage) {
        this.includeUsage = includeUsage;
    }

    @Override
    public void encode(StreamEvent event, StreamText out) {
        switch (event) {
            case StreamEvent.Start s -> {
                id = s.id();
                model = s.model();
                created = s.created();
                envelope = null;
                open(out).append("{\"role\":\"assistant\",\"content\":\"\"}");
                close(out, null);
            }
            case StreamEvent.BlockStart b when b.kind() == BlockKind.TOOL_CALL -> {
                int toolIndex = toolIndexOfBlock.size();
                toolIndexOfBlock.put(b.index(), toolIndex);
                ObjectNode call = toolCallDelta(toolIndex);
                call.put("id", SignedCallIds.join(b.toolCallId(), b.signature())).put("type", "function");
                call.putObject("function").put("name", b.toolName()).put("arguments", "");
                JsonText.append(open(out), wrap(call));
                close(out, null);
            }
            case StreamEvent.TextDelta t -> {
                open(out).append(CONTENT).appendJsonString(t.text()).append('}');
                close(out, null);
            }
            case StreamEvent.ToolArgsDelta a -> {
                Integer toolIndex = toolIndexOfBlock.get(a.index());
                if (toolIndex != null) {
                    open(out).append("{\"tool_calls\":[{\"index\":").append(toolIndex.intValue())
                            .append(",\"function\":{\"arguments\":").appendJsonString(a.fragment()).append("}}]}");
                    close(out, null);
                }
            }
            case StreamEvent.Finish f -> {
                open(out).append("{}");
                close(out, ChatFinishReasons.encode(f.stopReason()));
                if (includeUsage) {
                    JsonText.append(out.append(envelope()).append("],\"usage\":"), UsageJson.chat(f.usage())).append("}\n\n");
                }
                out.append("data: [DONE]\n\n");
            }
            case StreamEvent.Error e -> out.append("data: ").append(OpenAiErrors.json(new GatewayError(e.kind(), e.message())))
                    .append("\n\n");
            default -> { } // block starts and stops of text, thinking deltas and signatures have no chunk
        }
    }

    /** Starts a chunk with one choice, up to its delta. */
    private StreamText open(StreamText out) {
        return out.append(envelope()).append(OPEN_CHOICE);
    }

    /**
     * The envelope is the same for every chunk of the stream, the usage chunk included, so it is written
     * once, the way Jackson writes it (a test holds every kind of chunk to Jackson's bytes).
     */
    private byte[] envelope() {
        if (envelope == null) {
            StreamText h = new StreamText(160).append("data: {\"id\":").appendJsonString(id)
                    .append(",\"object\":\"chat.completion.chunk\",\"created\":").append(created)
                    .append(",\"model\":").appendJsonString(model).append(",\"choices\":[");
            envelope = h.toByteArray();
        }
        return envelope;
    }

    /** Ends a chunk after its delta, with its finish reason (null while the answer goes on). */
    private void close(StreamText out, String finishReason) {
        out.append(CLOSE_DELTA);
        if (finishReason == null) {
            // what appendJsonString(null) writes, without its call on every chunk (bench/codec: 6% slower with it)
            out.append(NULL);
        } else {
            out.appendJsonString(finishReason);
        }
        out.append(includeUsage ? END_WITH_USAGE : END); // usage asked for: null on all but the last
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static ObjectNode toolCallDelta(int toolIndex) {
        return Json.MAPPER.createObjectNode().put("index", toolIndex);
    }

    private static ObjectNode wrap(ObjectNode call) {
        ObjectNode delta = Json.MAPPER.createObjectNode();
        delta.putArray("tool_calls").add(call);
        return delta;
    }
}
