package dev.switchboard.format.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.format.StreamDecoder;
import dev.switchboard.model.ErrorKind;
import dev.switchboard.model.GatewayError;
import dev.switchboard.model.Usage;
import dev.switchboard.model.chat.BlockKind;
import dev.switchboard.model.chat.Part;
import dev.switchboard.model.chat.StopReason;
import dev.switchboard.model.chat.StreamEvent;
import dev.switchboard.sse.SseEvent;
import java.time.Clock;
import java.util.List;

/**
 * One {@code streamGenerateContent?alt=sse} stream as canonical events. Every {@code data:} event is a
 * whole {@code GenerateContentResponse} chunk: text and thoughts arrive as deltas, a function call
 * arrives whole (one block: start, all its arguments, stop), usage is cumulative on every chunk. There
 * is no terminal event: the chunk with a {@code finishReason} is the last with content, so Finish is
 * emitted when the upstream closes the stream, and a stream that closes without one is an Error.
 * Only candidate 0 is streamed (the gateway refuses to stream several candidates).
 */
public final class GeminiStreamDecoder implements StreamDecoder {
    private final Clock clock;
    private GeminiPartReader reader;
    private boolean finished;
    private boolean started;
    private boolean finishSeen;
    private boolean blocked;
    private boolean calledTools;
    private String finishReason;
    private Usage usage = Usage.NONE;
    private int nextIndex;
    private int openIndex = -1;
    private BlockKind openKind;

    public GeminiStreamDecoder(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void onEvent(SseEvent event, List<StreamEvent> out) {
        if (finished || event.data() == null || event.data().isBlank()) {
            return; // comments and keep-alive lines carry nothing
        }
        try {
            chunk(event.data(), out);
        } catch (RuntimeException e) {
            fail(ErrorKind.UPSTREAM_ERROR, "malformed Gemini stream chunk: " + e.getMessage(), out);
        }
    }

    @Override
    public void onEnd(List<StreamEvent> out) {
        if (finished) {
            return;
        }
        if (!finishSeen) {
            fail(ErrorKind.UPSTREAM_ERROR, started ? "Gemini stream ended before its finishReason"
                    : "Gemini stream ended without a chunk", out);
            return;
        }
        closeOpen(out);
        StopReason stop = blocked ? StopReason.CONTENT_FILTER : GeminiFinishReasons.decode(finishReason, calledTools);
        out.add(new StreamEvent.Finish(stop, null, usage));
        finished = true;
    }

    @Override
    public boolean finished() {
        return finished;
    }

    private void chunk(String data, List<StreamEvent> out) {
        JsonNode root = GeminiJson.tryParse(data);
        if (root == null || !root.isObject()) {
            fail(ErrorKind.UPSTREAM_ERROR, "Gemini stream chunk is not a JSON object", out);
            return;
        }
        JsonNode error = root.get("error");
        if (error != null && error.isObject()) {
            GatewayError e = GeminiErrors.fromErrorObject(error, 500);
            fail(e.kind(), e.getMessage(), out);
            return;
        }
        JsonNode candidates = GeminiJson.get(root, "candidates");
        JsonNode feedback = GeminiJson.get(root, "promptFeedback");
        Usage seen = GeminiUsage.read(GeminiJson.get(root, "usageMetadata"));
        if (candidates == null && feedback == null && seen == null) {
            fail(ErrorKind.UPSTREAM_ERROR, "Gemini stream chunk holds no candidates, usage or prompt feedback", out);
            return;
        }
        if (seen != null) {
            usage = seen;
        }
        if (!started) {
            start(root, data, out);
        }
        if (candidates != null && candidates.isArray()) {
            for (JsonNode c : candidates) {
                JsonNode index = GeminiJson.get(c, "index");
                if ((index == null || index.asInt(0) == 0) && !candidate(c, out)) {
                    return;
                }
            }
        }
        if ((candidates == null || candidates.isEmpty()) && GeminiJson.get(feedback, "blockReason") != null) {
            finishSeen = true;
            blocked = true;
        }
    }

    private void start(JsonNode root, String data, List<StreamEvent> out) {
        started = true;
        String responseId = GeminiResponseDecoder.textOrNull(GeminiJson.get(root, "responseId"));
        String model = GeminiResponseDecoder.textOrNull(GeminiJson.get(root, "modelVersion"));
        reader = new GeminiPartReader(GeminiCallIds.forResponse(responseId, data), false);
        String id = responseId != null ? responseId : "gemini-" + GeminiCallIds.hash(data);
        out.add(new StreamEvent.Start(id, model == null ? "" : model, clock.instant().getEpochSecond(), usage));
    }

    /** @return false when the chunk ended the stream with an error */
    private boolean candidate(JsonNode c, List<StreamEvent> out) {
        JsonNode content = GeminiJson.get(c, "content");
        List<JsonNode> parts = content == null ? List.of() : GeminiJson.array(content, "parts", "content.parts");
        if (finishSeen && !parts.isEmpty()) {
            fail(ErrorKind.UPSTREAM_ERROR, "Gemini stream sent content after its finishReason", out);
            return false;
        }
        for (JsonNode part : parts) {
            for (Part p : reader.modelParts(List.of(part), "candidates[0].content.parts", 0)) {
                emit(p, out);
            }
        }
        String reason = GeminiResponseDecoder.textOrNull(GeminiJson.get(c, "finishReason"));
        if (reason != null) {
            finishSeen = true;
            finishReason = reason;
        }
        return true;
    }

    private void emit(Part p, List<StreamEvent> out) {
        switch (p) {
            case Part.Text t -> {
                open(BlockKind.TEXT, out);
                out.add(new StreamEvent.TextDelta(openIndex, t.text()));
            }
            case Part.Thinking th -> {
                if (th.text() != null && !th.text().isEmpty()) {
                    open(BlockKind.THINKING, out);
                    out.add(new StreamEvent.ThinkingDelta(openIndex, th.text()));
                }
                if (th.signature() != null) {
                    open(BlockKind.THINKING, out);
                    out.add(new StreamEvent.SignatureDelta(openIndex, th.signature()));
                    closeOpen(out); // a signature seals its thought
                }
            }
            case Part.ToolCall call -> {
                closeOpen(out);
                calledTools = true;
                int index = nextIndex++;
                out.add(new StreamEvent.BlockStart(index, BlockKind.TOOL_CALL, call.id(), call.name(), null,
                        call.signature()));
                out.add(new StreamEvent.ToolArgsDelta(index, call.argsJson()));
                out.add(new StreamEvent.BlockStop(index));
            }
            default -> { } // generated media has no stream event; it is not relayed
        }
    }

    private void open(BlockKind kind, List<StreamEvent> out) {
        if (openIndex >= 0 && openKind == kind) {
            return;
        }
        closeOpen(out);
        openIndex = nextIndex++;
        openKind = kind;
        out.add(kind == BlockKind.TEXT ? StreamEvent.BlockStart.text(openIndex) : StreamEvent.BlockStart.thinking(openIndex));
    }

    private void closeOpen(List<StreamEvent> out) {
        if (openIndex >= 0) {
            out.add(new StreamEvent.BlockStop(openIndex));
            openIndex = -1;
            openKind = null;
        }
    }

    private void fail(ErrorKind kind, String message, List<StreamEvent> out) {
        if (!finished) {
            out.add(new StreamEvent.Error(kind, message, usage));
            finished = true;
        }
    }
}
