package dev.switchboard.sse;

/**
 * One server-sent event as it arrived: the parsed fields, and from a {@link SseReader#relaying relaying}
 * reader the raw bytes (terminating blank line included, so relaying them reproduces the stream exactly).
 *
 * @param event the {@code event:} field, or null when absent
 * @param data  the {@code data:} lines joined with '\n', or null when the event had none
 * @param raw   the event's bytes, or empty from a reader that does not keep them
 */
public record SseEvent(String event, String data, byte[] raw) {

    public boolean isDone() {
        return "[DONE]".equals(data);
    }
}
