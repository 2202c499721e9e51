package dev.switchboard.format.gemini;

import dev.switchboard.model.chat.StopReason;

/** Gemini's {@code finishReason} words and the canonical stop reasons. */
final class GeminiFinishReasons {
    private GeminiFinishReasons() {}

    /**
     * Gemini says STOP also when the model called functions; the canonical answer then is TOOL_USE,
     * which is what every other format's clients look for before running tools.
     */
    static StopReason decode(String reason, boolean calledTools) {
        if (reason == null) {
            return calledTools ? StopReason.TOOL_USE : StopReason.END_TURN;
        }
        return switch (reason) {
            case "STOP" -> calledTools ? StopReason.TOOL_USE : StopReason.END_TURN;
            case "MAX_TOKENS" -> StopReason.MAX_TOKENS;
            case "SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII", "IMAGE_SAFETY",
                    "IMAGE_PROHIBITED_CONTENT", "IMAGE_RECITATION" -> StopReason.CONTENT_FILTER;
            case "MALFORMED_FUNCTION_CALL", "UNEXPECTED_TOOL_CALL", "TOO_MANY_TOOL_CALLS", "MALFORMED_RESPONSE",
                    "OTHER", "LANGUAGE", "IMAGE_OTHER", "NO_IMAGE" -> StopReason.ERROR;
            // FINISH_REASON_UNSPECIFIED and reasons newer than this table: the answer itself is complete
            default -> calledTools ? StopReason.TOOL_USE : StopReason.END_TURN;
        };
    }

    static String encode(StopReason reason) {
        if (reason == null) {
            return "STOP";
        }
        return switch (reason) {
            case END_TURN, STOP_SEQUENCE, TOOL_USE, PAUSE_TURN -> "STOP";
            case MAX_TOKENS -> "MAX_TOKENS";
            case CONTENT_FILTER, REFUSAL -> "SAFETY";
            case ERROR -> "OTHER";
        };
    }
}
