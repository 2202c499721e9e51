package dev.switchboard.model.chat;

/** Structured output mode. */
public sealed interface ResponseFormat {
    record Text() implements ResponseFormat {}

    record JsonObject() implements ResponseFormat {}

    /** {@code schemaJson} is the raw JSON Schema text. */
    record JsonSchema(String name, String schemaJson, Boolean strict) implements ResponseFormat {}
}
