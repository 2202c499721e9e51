package dev.switchboard.model.chat;

import java.util.List;
import java.util.Objects;

/** One piece of a message or answer. */
public sealed interface Part {

    record Text(String text) implements Part {
        public Text {
            Objects.requireNonNull(text, "text");
        }
    }

    /** An image by URL ({@code url} set) or inline ({@code data} base64 + {@code mediaType}). */
    record Image(String url, String data, String mediaType) implements Part {
        public boolean inline() {
            return data != null;
        }
    }

    /** Inline audio input (base64); {@code format} like "wav" or "mp3". Not every format accepts it. */
    record Audio(String data, String format) implements Part {}

    /** A document (PDF and the like) by URL or inline base64; {@code name} is optional. */
    record Document(String url, String data, String mediaType, String name) implements Part {}

    /**
     * A call the model made. {@code argsJson} is the raw JSON object text. {@code signature} carries
     * Gemini's thought signature of a function-call part, which must be sent back on the next turn.
     */
    record ToolCall(String id, String name, String argsJson, String signature) implements Part {
        public ToolCall {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(argsJson, "argsJson");
        }
    }

    /**
     * The result of a call. {@code name} is the called tool's name where the source format gave it
     * (Gemini needs it; encoders look it up from the matching {@link ToolCall} when null).
     */
    record ToolResult(String callId, String name, List<Part> content, boolean isError) implements Part {
        public ToolResult {
            Objects.requireNonNull(callId, "callId");
            content = List.copyOf(content);
        }
    }

    /** Visible reasoning; {@code signature} is opaque provider proof that must round-trip unchanged. */
    record Thinking(String text, String signature) implements Part {}

    /** Reasoning the provider encrypted; only the same provider family can read it back. */
    record RedactedThinking(String data) implements Part {}
}
