package dev.switchboard.format.openai;

import dev.switchboard.model.chat.StopReason;

/** Chat Completions {@code finish_reason} words and the canonical stop reasons. */
public final class ChatFinishReasons {
    private ChatFinishReasons() {}

    /** {@code function_call} is the legacy word for {@code tool_calls}; unknown words end a turn normally. */
    public static StopReason decode(String finishReason) {
        if (finishReason == null) {
            return StopReason.END_TURN;
        }
        return switch (finishReason) {
            case "length" -> StopReason.MAX_TOKENS;
            case "tool_calls", "function_call" -> StopReason.TOOL_USE;
            case "content_filter" -> StopReason.CONTENT_FILTER;
            default -> StopReason.END_TURN;
        };
    }

    /**
     * A refusal reads as {@code content_filter} in a stream, where the words already went out as
     * content; a whole answer carries it in {@code message.refusal} with {@code stop} instead.
     */
    public static String encode(StopReason reason) {
        return switch (reason) {
            case MAX_TOKENS -> "length";
            case TOOL_USE -> "tool_calls";
            case CONTENT_FILTER, REFUSAL -> "content_filter";
            case END_TURN, STOP_SEQUENCE, PAUSE_TURN, ERROR -> "stop";
        };
    }
}
