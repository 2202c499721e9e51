package dev.switchboard.model.chat;

/** Why generation ended, mapped to each format's own words by its codec. */
public enum StopReason {
    END_TURN,
    MAX_TOKENS,
    STOP_SEQUENCE,
    TOOL_USE,
    CONTENT_FILTER,
    REFUSAL,
    PAUSE_TURN,
    ERROR
}
