package dev.switchboard.format.anthropic;

import dev.switchboard.format.SignedCallIds;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.format.SseJson;
import dev.switchboard.format.StreamEncoder;
import dev.switchboard.model.ErrorKind;
import dev.switchboard.model.Usage;
import dev.switchboard.model.chat.BlockKind;
import dev.switchboard.model.chat.StreamEvent;
import dev.switchboard.sse.StreamText;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Canonical events as the SSE stream Anthropic's SDKs read: {@code message_start}, content blocks one
 * after another ({@code content_block_start}, deltas, {@code content_block_stop}), then
 * {@code message_delta} with the stop reason and the final usage and {@code message_stop}; a failure
 * becomes {@code event: error} and nothing after it.
 *
 * <p>Anthropic streams one block at a time, but canonical blocks from other formats may overlap (an
 * OpenAI stream closes nothing until it ends). So when a block starts while a text or thinking block
 * is open, that block is closed at once; should more of it arrive later, it continues as a new block
 * of the same kind (two text blocks read as one text). Tool calls cannot be split, so blocks that
 * start while a tool call is open wait, buffered, until it stops (or the stream finishes). A
 * signature that arrives after its thinking block was closed early has no block left and is lost.
 */
public final class AnthropicStreamEncoder implements StreamEncoder {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static final class Block {
        final StreamEvent.BlockStart start;
        final List<StreamEvent> held = new ArrayList<>();
        int wireIndex = -1;
        boolean stopped;
        boolean closed;

        Block(StreamEvent.BlockStart start) {
            this.start = start;
        }

        boolean splittable() {
            return start.kind() != BlockKind.TOOL_CALL;
        }
    }

    private final String requestModel;
    private final Map<Integer, Block> blocks = new HashMap<>();
    private final Deque<Block> waiting = new ArrayDeque<>();
    private Block current;
    private int nextWireIndex;
    private boolean started;
    private boolean ended;

    /** @param requestModel the client's model name, used should the stream lack a Start */
    public AnthropicStreamEncoder(String requestModel) {
        this.requestModel = requestModel;
    }

    @Override
    public void encode(StreamEvent event, StreamText out) {
        if (ended) {
            return;
        }
        switch (event) {
            case StreamEvent.Start s -> start(s.id(), s.model(), s.usage(), out);
            case StreamEvent.BlockStart s -> blockStart(s, out);
            case StreamEvent.BlockStop s -> blockStop(s.index(), out);
            case StreamEvent.Finish f -> finish(f, out);
            case StreamEvent.Error e -> error(e.kind(), e.message(), out);
            default -> delta(event, out);
        }
    }

    private void start(String id, String model, Usage usage, StreamText out) {
        if (started) {
            return;
        }
        started = true;
        ObjectNode message = NODES.objectNode();
        message.put("id", id).put("type", "message").put("role", "assistant")
                .put("model", model == null || model.isEmpty() ? requestModel : model);
        message.putArray("content");
        message.putNull("stop_reason");
        message.putNull("stop_sequence");
        AnthropicUsage.encodeInto(message.putObject("usage"), usage);
        ObjectNode data = NODES.objectNode().put("type", "message_start");
        data.set("message", message);
        SseJson.event(out, "message_start", data);
    }

    private void ensureStarted(StreamText out) {
        start("msg_switchboard", requestModel, Usage.NONE, out);
    }

    private void blockStart(StreamEvent.BlockStart s, StreamText out) {
        ensureStarted(out);
        if (blocks.containsKey(s.index())) {
            return;
        }
        Block b = new Block(s);
        blocks.put(s.index(), b);
        admit(b, out);
    }

    /** Puts a block on the wire now if the open one can yield, else queues it behind the open tool call. */
    private void admit(Block b, StreamText out) {
        if (current != null && current.splittable()) {
            closeCurrent(out);
        }
        if (current == null) {
            open(b, out);
        } else {
            waiting.add(b);
        }
    }

    private void delta(StreamEvent d, StreamText out) {
        ensureStarted(out);
        Block b = blocks.get(indexOf(d));
        if (b == null) {
            return;
        }
        if (b == current) {
            writeDelta(b, d, out);
        } else if (b.wireIndex < 0 || waiting.contains(b)) {
            b.held.add(d);
        } else if (b.closed && !b.stopped && !(d instanceof StreamEvent.SignatureDelta)) {
            b.closed = false; // more of a block closed early (never a tool call): it goes on as a new block
            b.held.add(d);
            admit(b, out);
        }
    }

    private void blockStop(int index, StreamText out) {
        Block b = blocks.get(index);
        if (b == null || b.stopped) {
            return;
        }
        b.stopped = true;
        if (b == current) {
            closeCurrent(out);
            drain(out, false);
        }
    }

    /** Moves waiting blocks onto the wire while nothing unsplittable is open; all of them when finishing. */
    private void drain(StreamText out, boolean finishing) {
        while (!waiting.isEmpty()) {
            if (current != null) {
                if (!current.splittable() && !finishing) {
                    return;
                }
                closeCurrent(out);
            }
            open(waiting.poll(), out);
            if (current.stopped) {
                closeCurrent(out);
            }
        }
    }

    private void open(Block b, StreamText out) {
        b.wireIndex = nextWireIndex++;
        current = b;
        ObjectNode data = NODES.objectNode().put("type", "content_block_start").put("index", b.wireIndex);
        data.set("content_block", blockJson(b.start));
        SseJson.event(out, "content_block_start", data);
        for (StreamEvent d : b.held) {
            writeDelta(b, d, out);
        }
        b.held.clear();
    }

    private static ObjectNode blockJson(StreamEvent.BlockStart s) {
        return switch (s.kind()) {
            case TEXT -> NODES.objectNode().put("type", "text").put("text", "");
            case THINKING -> NODES.objectNode().put("type", "thinking").put("thinking", "").put("signature", "");
            case REDACTED_THINKING -> NODES.objectNode().put("type", "redacted_thinking")
                    .put("data", s.data() == null ? "" : s.data());
            case TOOL_CALL -> {
                ObjectNode t = NODES.objectNode().put("type", "tool_use")
                        .put("id", SignedCallIds.join(s.toolCallId(), s.signature())).put("name", s.toolName());
                t.putObject("input");
                yield AnthropicResponses.withDirectCaller(t);
            }
        };
    }

    private void closeCurrent(StreamText out) {
        if (current == null) {
            return;
        }
        SseJson.event(out, "content_block_stop",
                NODES.objectNode().put("type", "content_block_stop").put("index", current.wireIndex));
        current.closed = true;
        current = null;
    }

    private void writeDelta(Block b, StreamEvent d, StreamText out) {
        ObjectNode delta = NODES.objectNode();
        switch (d) {
            case StreamEvent.TextDelta t -> delta.put("type", "text_delta").put("text", t.text());
            case StreamEvent.ToolArgsDelta t -> delta.put("type", "input_json_delta").put("partial_json", t.fragment());
            case StreamEvent.ThinkingDelta t -> delta.put("type", "thinking_delta").put("thinking", t.text());
            case StreamEvent.SignatureDelta t -> delta.put("type", "signature_delta").put("signature", t.signature());
            default -> {
                return;
            }
        }
        ObjectNode data = NODES.objectNode().put("type", "content_block_delta").put("index", b.wireIndex);
        data.set("delta", delta);
        SseJson.event(out, "content_block_delta", data);
    }

    private static int indexOf(StreamEvent d) {
        return switch (d) {
            case StreamEvent.TextDelta t -> t.index();
            case StreamEvent.ToolArgsDelta t -> t.index();
            case StreamEvent.ThinkingDelta t -> t.index();
            case StreamEvent.SignatureDelta t -> t.index();
            default -> -1;
        };
    }

    private void finish(StreamEvent.Finish f, StreamText out) {
        ensureStarted(out);
        closeCurrent(out);
        drain(out, true);
        closeCurrent(out);
        ObjectNode data = NODES.objectNode().put("type", "message_delta");
        ObjectNode delta = data.putObject("delta");
        delta.put("stop_reason", AnthropicStopReasons.encode(f.stopReason()));
        AnthropicJson.putNullable(delta, "stop_sequence", f.stopSequence());
        AnthropicUsage.encodeInto(data.putObject("usage"), f.usage());
        SseJson.event(out, "message_delta", data);
        SseJson.event(out, "message_stop", NODES.objectNode().put("type", "message_stop"));
        ended = true;
    }

    private void error(ErrorKind kind, String message, StreamText out) {
        SseJson.event(out, "error", AnthropicErrors.json(kind, message));
        ended = true;
    }
}
