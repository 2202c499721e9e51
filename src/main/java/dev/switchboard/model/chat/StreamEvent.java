package dev.switchboard.model.chat;

import dev.switchboard.model.ErrorKind;
import dev.switchboard.model.Usage;

/**
 * What a stream decoder emits and a stream encoder consumes. A well-formed stream is
 * {@code Start, (BlockStart, deltas…, BlockStop)*, Finish} or ends early with {@code Error}; block
 * indexes count up from 0 in order of first appearance and blocks may interleave (parallel tool calls).
 */
public sealed interface StreamEvent {

    /** {@code usage} holds what is known at the start (Anthropic reports input tokens here). */
    record Start(String id, String model, long created, Usage usage) implements StreamEvent {}

    /**
     * A new content block. For TOOL_CALL, {@code toolCallId} and {@code toolName} are set (and
     * {@code signature} may carry Gemini's thought signature); for REDACTED_THINKING {@code data} is set.
     */
    record BlockStart(int index, BlockKind kind, String toolCallId, String toolName, String data, String signature)
            implements StreamEvent {
        public static BlockStart text(int index) {
            return new BlockStart(index, BlockKind.TEXT, null, null, null, null);
        }

        public static BlockStart thinking(int index) {
            return new BlockStart(index, BlockKind.THINKING, null, null, null, null);
        }

        public static BlockStart toolCall(int index, String id, String name) {
            return new BlockStart(index, BlockKind.TOOL_CALL, id, name, null, null);
        }
    }

    record TextDelta(int index, String text) implements StreamEvent {}

    /** A fragment of a tool call's JSON arguments; concatenated fragments form the arguments. */
    record ToolArgsDelta(int index, String fragment) implements StreamEvent {}

    record ThinkingDelta(int index, String text) implements StreamEvent {}

    record SignatureDelta(int index, String signature) implements StreamEvent {}

    record BlockStop(int index) implements StreamEvent {}

    /** The last event of a complete stream; {@code usage} is the final cumulative usage. */
    record Finish(StopReason stopReason, String stopSequence, Usage usage) implements StreamEvent {}

    /** The stream ended abnormally; {@code usage} is what was seen so far (may be {@link Usage#NONE}). */
    record Error(ErrorKind kind, String message, Usage usage) implements StreamEvent {}
}
