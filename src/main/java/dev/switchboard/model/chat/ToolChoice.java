package dev.switchboard.model.chat;

/** How the model must use tools. A null ToolChoice in a request means the format's default. */
public sealed interface ToolChoice {
    record Auto() implements ToolChoice {}

    record None() implements ToolChoice {}

    /** Must call some tool (OpenAI "required", Anthropic "any", Gemini mode ANY). */
    record Required() implements ToolChoice {}

    record Named(String name) implements ToolChoice {}
}
