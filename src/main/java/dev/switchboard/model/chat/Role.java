package dev.switchboard.model.chat;

/**
 * Who spoke a message. System prompts live in {@link ChatRequest#system()}, not here; tool results
 * travel in {@code TOOL} messages (Anthropic and Gemini encoders fold them into their user turn).
 */
public enum Role {
    USER,
    ASSISTANT,
    TOOL
}
