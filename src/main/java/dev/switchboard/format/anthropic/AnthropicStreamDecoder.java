package dev.switchboard.format.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.format.StreamDecoder;
import dev.switchboard.model.ErrorKind;
import dev.switchboard.model.Usage;
import dev.switchboard.model.chat.StopReason;
import dev.switchboard.model.chat.StreamEvent;
import dev.switchboard.sse.SseEvent;
import java.time.Clock;
import java.util.List;

/**
 * An Anthropic Messages stream as canonical events: {@code message_start}, then per content block
 * {@code content_block_start} / {@code _delta} / {@code _stop}, then {@code message_delta} (stop
 * reason, cumulative usage) and {@code message_stop}. {@code ping} and event or delta types added
 * later by Anthropic are ignored, as its versioning policy asks; blocks of server tools are skipped
 * whole (their Anthropic indexes are remapped so canonical indexes stay dense). Anything out of
 * order (a delta for a block never started, a second {@code message_start}, a block still open at
 * {@code message_delta}) or unreadable ends the stream with one Error.
 */
public final class AnthropicStreamDecoder implements StreamDecoder {
    private enum Phase { BEFORE_START, CONTENT, FINISHING, DONE }

    private final Clock clock;
    private final AnthropicBlocks blocks = new AnthropicBlocks();
    private Phase phase = Phase.BEFORE_START;
    private Usage usage = Usage.NONE;
    private String stopReason;
    private String stopSequence;

    public AnthropicStreamDecoder(Clock clock) {
        this.clock = clock;
    }

    @Override
    public boolean finished() {
        return phase == Phase.DONE;
    }

    @Override
    public void onEvent(SseEvent event, List<StreamEvent> out) {
        if (phase == Phase.DONE || event.data() == null) {
            return;
        }
        try {
            decode(event, out);
        } catch (AnthropicStreamViolation e) {
            fail(e.getMessage(), out);
        } catch (RuntimeException e) {
            // a shape no check foresaw; the contract is one Error, never an exception
            fail("Upstream sent a stream event of an unexpected shape", out);
        }
    }

    /** One event, by the fast path its compact form allows or else as a tree. */
    private void decode(SseEvent event, List<StreamEvent> out) {
        if ("ping".equals(event.event()) && AnthropicCompactEvents.isPing(event.data())) {
            return; // a keep-alive, in either spelling Anthropic documents; any other data is checked below
        }
        if ("content_block_delta".equals(event.event())) {
            AnthropicTextDelta text = AnthropicTextDelta.parse(event.data());
            if (text != null) {
                requirePhase(Phase.CONTENT, "content_block_delta");
                blocks.textDelta(text, out);
                return;
            }
        }
        if (fixedForm(event, out)) {
            return;
        }
        ObjectNode data = AnthropicJson.tryObject(event.data());
        if (data == null) {
            fail("Upstream sent an unreadable stream event", out);
            return;
        }
        String type = AnthropicJson.textOrNull(data, "type");
        if (type == null) {
            type = event.event() == null ? "" : event.event();
        }
        dispatch(type, data, out);
    }

    /**
     * The two events whose whole data Anthropic writes in one fixed compact form, handled without a
     * parse; true when the event was one of them. Any other spelling goes through the general path.
     */
    private boolean fixedForm(SseEvent event, List<StreamEvent> out) {
        if ("content_block_stop".equals(event.event())) {
            int upstream = AnthropicCompactEvents.blockStopIndex(event.data());
            if (upstream < 0) {
                return false;
            }
            blockStop(upstream, out);
            return true;
        }
        if ("message_stop".equals(event.event()) && AnthropicCompactEvents.isMessageStop(event.data())) {
            messageStop(out);
            return true;
        }
        return false;
    }

    private void dispatch(String type, ObjectNode data, List<StreamEvent> out) {
        switch (type) {
            case "message_start" -> messageStart(data, out);
            case "content_block_start" -> blockStart(data, out);
            case "content_block_delta" -> blockDelta(data, out);
            case "content_block_stop" -> blockStop(data, out);
            case "message_delta" -> messageDelta(data);
            case "message_stop" -> messageStop(out);
            case "error" -> upstreamError(data, out);
            default -> { } // ping, and event types Anthropic may add
        }
    }

    private void messageStart(ObjectNode data, List<StreamEvent> out) {
        if (phase != Phase.BEFORE_START) {
            throw new AnthropicStreamViolation("Upstream stream sent message_start twice");
        }
        JsonNode message = data.get("message");
        if (message == null || !message.isObject()) {
            throw new AnthropicStreamViolation("Upstream message_start has no message");
        }
        String id = AnthropicJson.textOrNull(message, "id");
        if (id == null) {
            throw new AnthropicStreamViolation("Upstream message_start has no message id");
        }
        String model = AnthropicJson.textOrNull(message, "model");
        usage = AnthropicUsage.decode(message.get("usage"));
        phase = Phase.CONTENT;
        out.add(new StreamEvent.Start(id, model == null ? "" : model, clock.instant().getEpochSecond(), usage));
    }

    private void blockStart(ObjectNode data, List<StreamEvent> out) {
        requirePhase(Phase.CONTENT, "content_block_start");
        blocks.start(index(data), data.get("content_block"), out);
    }

    private void blockDelta(ObjectNode data, List<StreamEvent> out) {
        requirePhase(Phase.CONTENT, "content_block_delta");
        blocks.delta(index(data), data.get("delta"), out);
    }

    private void blockStop(ObjectNode data, List<StreamEvent> out) {
        requirePhase(Phase.CONTENT, "content_block_stop");
        blocks.stop(index(data), out);
    }

    /** The compact form's stop, its index already read: the checks of {@code blockStop(data, …)} in its order. */
    private void blockStop(int upstream, List<StreamEvent> out) {
        requirePhase(Phase.CONTENT, "content_block_stop");
        blocks.stop(upstream, out);
    }

    private void messageDelta(ObjectNode data) {
        if (phase == Phase.BEFORE_START) {
            throw new AnthropicStreamViolation("Upstream sent message_delta before message_start");
        }
        requireNoOpenBlock("message_delta");
        JsonNode delta = data.get("delta");
        String reason = AnthropicJson.textOrNull(delta, "stop_reason");
        if (reason != null) {
            stopReason = reason;
            stopSequence = AnthropicJson.textOrNull(delta, "stop_sequence");
        }
        usage = AnthropicUsage.merge(usage, data.get("usage"));
        phase = Phase.FINISHING;
    }

    private void messageStop(List<StreamEvent> out) {
        if (phase == Phase.BEFORE_START) {
            throw new AnthropicStreamViolation("Upstream sent message_stop before message_start");
        }
        requireNoOpenBlock("message_stop");
        StopReason reason = AnthropicStopReasons.decode(stopReason);
        out.add(new StreamEvent.Finish(reason, stopSequence, usage));
        phase = Phase.DONE;
    }

    /** {@code event: error}: Anthropic's way to end a stream that failed after it began (e.g. overload). */
    private void upstreamError(ObjectNode data, List<StreamEvent> out) {
        JsonNode error = data.get("error");
        String type = AnthropicJson.textOrNull(error, "type");
        String message = AnthropicJson.textOrNull(error, "message");
        ErrorKind kind = type == null ? ErrorKind.UPSTREAM_ERROR : AnthropicErrors.kindForType(type, 0);
        out.add(new StreamEvent.Error(kind, message == null ? "Upstream stream failed" : message, usage));
        phase = Phase.DONE;
    }

    @Override
    public void onEnd(List<StreamEvent> out) {
        if (phase == Phase.DONE) {
            return;
        }
        fail(phase == Phase.BEFORE_START ? "Upstream stream ended before message_start"
                : "Upstream stream ended before message_stop", out);
    }

    private void fail(String message, List<StreamEvent> out) {
        out.add(new StreamEvent.Error(ErrorKind.UPSTREAM_ERROR, message, usage));
        phase = Phase.DONE;
    }

    private void requirePhase(Phase expected, String what) {
        if (phase != expected) {
            throw new AnthropicStreamViolation("Upstream sent " + what + (phase == Phase.BEFORE_START ? " before message_start"
                    : " after message_delta"));
        }
    }

    private void requireNoOpenBlock(String what) {
        if (blocks.anyOpen()) {
            throw new AnthropicStreamViolation("Upstream sent " + what + " while a content block was open");
        }
    }

    private static int index(JsonNode data) {
        JsonNode i = data.get("index");
        if (i == null || !i.isIntegralNumber() || !i.canConvertToInt() || i.intValue() < 0) {
            throw new AnthropicStreamViolation("Upstream stream event has no valid block index");
        }
        return i.intValue();
    }
}
