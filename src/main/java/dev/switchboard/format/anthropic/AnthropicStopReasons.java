package dev.switchboard.format.anthropic;

import dev.switchboard.model.chat.StopReason;

/** Anthropic's {@code stop_reason} words and the canonical reasons. */
final class AnthropicStopReasons {
    private AnthropicStopReasons() {}

    /**
     * The canonical reason for an Anthropic word. {@code model_context_window_exceeded} is a length
     * stop like {@code max_tokens}; an unknown or missing word is a normal end (Anthropic may add
     * words under its versioning policy, and an answer that arrived is not an error).
     */
    static StopReason decode(String word) {
        if (word == null) {
            return StopReason.END_TURN;
        }
        return switch (word) {
            case "max_tokens", "model_context_window_exceeded" -> StopReason.MAX_TOKENS;
            case "stop_sequence" -> StopReason.STOP_SEQUENCE;
            case "tool_use" -> StopReason.TOOL_USE;
            case "pause_turn" -> StopReason.PAUSE_TURN;
            case "refusal" -> StopReason.REFUSAL;
            default -> StopReason.END_TURN;
        };
    }

    /** Anthropic has no content-filter word: a filtered answer is reported as the model's refusal. */
    static String encode(StopReason reason) {
        if (reason == null) {
            return "end_turn";
        }
        return switch (reason) {
            case MAX_TOKENS -> "max_tokens";
            case STOP_SEQUENCE -> "stop_sequence";
            case TOOL_USE -> "tool_use";
            case PAUSE_TURN -> "pause_turn";
            case REFUSAL, CONTENT_FILTER -> "refusal";
            case END_TURN, ERROR -> "end_turn";
        };
    }
}
