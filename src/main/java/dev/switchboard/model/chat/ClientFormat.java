package dev.switchboard.model.chat;

import dev.switchboard.model.WireFormat;

/** The four APIs a client may speak; providers speak three of them ({@link WireFormat}). */
public enum ClientFormat {
    OPENAI_CHAT,
    OPENAI_RESPONSES,
    ANTHROPIC,
    GEMINI;

    /** The provider format that carries this client's body unchanged, or null when none does. */
    public WireFormat sameWire() {
        return switch (this) {
            case OPENAI_CHAT -> WireFormat.OPENAI;
            case ANTHROPIC -> WireFormat.ANTHROPIC;
            case GEMINI -> WireFormat.GEMINI;
            case OPENAI_RESPONSES -> null;
        };
    }
}
