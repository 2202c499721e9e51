package dev.switchboard.model;

/** The wire API a provider speaks. */
public enum WireFormat {
    OPENAI,
    ANTHROPIC,
    GEMINI
}
