package dev.switchboard.sse;

import java.nio.charset.StandardCharsets;

/**
 * One server-sent event as it arrived: the raw bytes (terminating blank line included, so relaying
 * them reproduces the stream exactly) plus the parsed fields.
 *
 * @param event the {@code event:} field, or null when absent
 * @param data  the {@code data:} lines joined with '\n', or null when the event had none
 */
public record SseEvent(String event, String data, byte[] raw) {

    public boolean isDone() {
        return "[DONE]".equals(data);
    }

    public String rawText() {
        return new String(raw, StandardCharsets.UTF_8);
    }
}
