package dev.switchboard.format.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.format.StreamDecoder;
import dev.switchboard.model.ErrorKind;
import dev.switchboard.model.GatewayError;
import dev.switchboard.model.Usage;
import dev.switchboard.model.chat.BlockKind;
import dev.switchboard.model.chat.StopReason;
import dev.switchboard.model.chat.StreamEvent;
import dev.switchboard.sse.SseEvent;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One upstream Chat Completions stream as canonical events. Only choice 0 is followed. Blocks come
 * one after another: a new kind of delta (reasoning, content, another tool call) closes the open
 * block, which is how every known server streams; a fragment for an already closed tool call is a
 * reordered stream and ends it with an error. The finish reason is held until the usage chunk or
 * {@code [DONE]} so that the one Finish carries the final usage.
 */
public final class OpenAiChatStreamDecoder implements StreamDecoder {
    private final Map<Integer, Integer> toolBlocks = new HashMap<>();
    private boolean started;
    private boolean finished;
    private String streamId = "";
    private Integer openBlock;
    private BlockKind openKind;
    private int nextBlock;
    private StopReason pending;
    private boolean refusal;
    private boolean sawToolCall;
    private Usage usage = Usage.NONE;

    @Override
    public void onEvent(SseEvent event, List<StreamEvent> out) {
        if (finished || event.data() == null || event.data().isBlank()) {
            return;
        }
        if (event.isDone()) {
            onDone(out);
            return;
        }
        JsonNode chunk = JsonFields.eventObject(event.data());
        if (chunk == null) {
            fail(out, "upstream sent a malformed stream chunk");
            return;
        }
        if (chunk.hasNonNull("error")) {
            error(chunk.get("error"), out);
            return;
        }
        start(chunk, out);
        if (chunk.get("usage") != null && chunk.get("usage").isObject()) {
            usage = UsageJson.read(chunk.get("usage"));
        }
        JsonNode choices = chunk.path("choices");
        if (choices.isEmpty()) {
            if (pending != null && chunk.path("usage").isObject()) {
                finish(out);
            }
            return;
        }
        for (JsonNode choice : choices) {
            if (choice.path("index").asInt(0) == 0 && !finished) {
                choice(choice, out);
            }
        }
    }

    private void choice(JsonNode choice, List<StreamEvent> out) {
        JsonNode delta = choice.path("delta");
        String reasoning = text(delta, "reasoning_content");
        String content = text(delta, "content");
        String refusalText = text(delta, "refusal");
        JsonNode calls = delta.path("tool_calls");
        if (pending != null && (reasoning != null || content != null || refusalText != null || !calls.isEmpty())) {
            fail(out, "upstream stream continued after its finish_reason");
            return;
        }
        if (reasoning == null) {
            reasoning = text(delta, "reasoning"); // OpenRouter's and newer vLLM's name for the same thing
        }
        if (reasoning != null) {
            delta(BlockKind.THINKING, out);
            out.add(new StreamEvent.ThinkingDelta(openBlock, reasoning));
        }
        if (content != null || refusalText != null) {
            refusal |= refusalText != null;
            delta(BlockKind.TEXT, out);
            out.add(new StreamEvent.TextDelta(openBlock, content != null ? content : refusalText));
        }
        for (int i = 0; i < calls.size() && !finished; i++) {
            toolCall(calls.get(i), i, out);
        }
        String reason = choice.path("finish_reason").asText(null);
        if (reason != null && !finished) {
            StopReason stop = ChatFinishReasons.decode(reason);
            pending = refusal && stop == StopReason.END_TURN ? StopReason.REFUSAL : stop;
            close(out);
        }
    }

    private void toolCall(JsonNode call, int position, List<StreamEvent> out) {
        int index = call.path("index").asInt(position);
        JsonNode fn = call.path("function");
        Integer block = toolBlocks.get(index);
        if (block == null) {
            String name = text(fn, "name");
            if (name == null) {
                fail(out, "upstream streamed a tool call without a name");
                return;
            }
            String id = text(call, "id");
            close(out);
            block = nextBlock++;
            toolBlocks.put(index, block);
            sawToolCall = true;
            out.add(StreamEvent.BlockStart.toolCall(block, id != null ? id : "call_" + streamId + "_" + index, name));
            openBlock = block;
            openKind = BlockKind.TOOL_CALL;
        } else if (!block.equals(openBlock)) {
            fail(out, "upstream streamed tool call fragments out of order");
            return;
        }
        String args = text(fn, "arguments");
        if (args != null) {
            out.add(new StreamEvent.ToolArgsDelta(block, args));
        }
    }

    /** Makes sure a block of {@code kind} is open, closing another kind first. */
    private void delta(BlockKind kind, List<StreamEvent> out) {
        if (openBlock != null && openKind == kind) {
            return;
        }
        close(out);
        openBlock = nextBlock++;
        openKind = kind;
        out.add(new StreamEvent.BlockStart(openBlock, kind, null, null, null, null));
    }

    private void close(List<StreamEvent> out) {
        if (openBlock != null) {
            out.add(new StreamEvent.BlockStop(openBlock));
            openBlock = null;
            openKind = null;
        }
    }

    private void start(JsonNode chunk, List<StreamEvent> out) {
        if (!started) {
            started = true;
            streamId = chunk.path("id").asText("");
            out.add(new StreamEvent.Start(streamId, chunk.path("model").asText(""), chunk.path("created").asLong(0), Usage.NONE));
        }
    }

    private void onDone(List<StreamEvent> out) {
        if (!started) {
            fail(out, "upstream stream ended before its first chunk");
            return;
        }
        if (pending == null) {
            // [DONE] is an explicit end even where a server forgot the finish_reason
            pending = sawToolCall ? StopReason.TOOL_USE : StopReason.END_TURN;
        }
        finish(out);
    }

    private void finish(List<StreamEvent> out) {
        close(out);
        out.add(new StreamEvent.Finish(pending, null, usage));
        finished = true;
    }

    private void error(JsonNode error, List<StreamEvent> out) {
        GatewayError e = error.isTextual()
                ? new GatewayError(ErrorKind.UPSTREAM_ERROR, error.textValue())
                : OpenAiErrors.fromObject(error, null, "upstream stream failed");
        out.add(new StreamEvent.Error(e.kind(), e.getMessage(), usage));
        finished = true;
    }

    private void fail(List<StreamEvent> out, String message) {
        out.add(new StreamEvent.Error(ErrorKind.UPSTREAM_ERROR, message, usage));
        finished = true;
    }

    @Override
    public void onEnd(List<StreamEvent> out) {
        if (finished) {
            return;
        }
        if (pending != null) {
            finish(out);
        } else {
            fail(out, "upstream stream ended before it completed");
        }
    }

    @Override
    public boolean finished() {
        return finished;
    }

    private static String text(JsonNode node, String field) {
        JsonNode n = node.get(field);
        return n != null && n.isTextual() && !n.textValue().isEmpty() ? n.textValue() : null;
    }
}
