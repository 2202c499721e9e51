package dev.switchboard.model.chat;

public enum BlockKind {
    TEXT,
    TOOL_CALL,
    THINKING,
    REDACTED_THINKING
}
