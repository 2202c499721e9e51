package dev.switchboard.sse;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Incremental SSE parser after the WHATWG event-stream grammar: bytes arrive in arbitrary chunks,
 * complete events leave as soon as their blank line is seen. Lines may end in CRLF, LF or CR, also
 * split across chunks. A line longer than {@code maxLineBytes} aborts the stream, which bounds memory
 * no matter what the upstream sends. Not thread-safe: one reader per stream.
 */
public final class SseReader {
    private final int maxLineBytes;
    private final Consumer<SseEvent> sink;
    private final ByteArrayOutputStream eventBytes = new ByteArrayOutputStream(512);
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);
    private boolean lastWasCr;
    private String eventType;
    private StringBuilder data;

    public SseReader(int maxLineBytes, Consumer<SseEvent> sink) {
        this.maxLineBytes = maxLineBytes;
        this.sink = sink;
    }

    public void feed(byte[] chunk) {
        feed(chunk, 0, chunk.length);
    }

    public void feed(byte[] chunk, int offset, int length) {
        int end = offset + length;
        int lineStart = offset;
        for (int i = offset; i < end; i++) {
            byte b = chunk[i];
            if (b == '\n' && lastWasCr) {
                // second half of a CRLF whose CR ended the previous line
                lastWasCr = false;
                eventBytes.write(b);
                lineStart = i + 1;
                continue;
            }
            lastWasCr = false;
            if (b == '\n' || b == '\r') {
                appendLine(chunk, lineStart, i);
                eventBytes.write(b);
                lastWasCr = b == '\r';
                endOfLine();
                lineStart = i + 1;
            }
        }
        if (lineStart < end) {
            appendLine(chunk, lineStart, end);
        }
    }

    /** True when bytes of an unfinished event are held (the stream ended mid-event). */
    public boolean hasPartialEvent() {
        return eventBytes.size() > 0 || line.size() > 0;
    }

    private void appendLine(byte[] chunk, int from, int to) {
        int n = to - from;
        if (n == 0) {
            return;
        }
        if (line.size() + n > maxLineBytes) {
            throw new SseLimitExceededException("SSE line longer than " + maxLineBytes + " bytes");
        }
        line.write(chunk, from, n);
        eventBytes.write(chunk, from, n);
        if (eventBytes.size() > maxLineBytes * 4L) {
            throw new SseLimitExceededException("SSE event larger than " + (maxLineBytes * 4L) + " bytes");
        }
    }

    private void endOfLine() {
        if (line.size() == 0) {
            dispatch();
            return;
        }
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        int colon = text.indexOf(':');
        if (colon == 0) {
            return; // comment
        }
        String field = colon < 0 ? text : text.substring(0, colon);
        String value = colon < 0 ? "" : text.substring(colon + 1);
        if (value.startsWith(" ")) {
            value = value.substring(1);
        }
        switch (field) {
            case "data" -> {
                if (data == null) {
                    data = new StringBuilder(value);
                } else {
                    data.append('\n').append(value);
                }
            }
            case "event" -> eventType = value;
            default -> { } // id, retry and unknown fields are relayed raw but need no parsing here
        }
    }

    private void dispatch() {
        byte[] raw = eventBytes.toByteArray();
        eventBytes.reset();
        if (data == null && eventType == null) {
            // blank line with no fields (keep-alive padding): still relayed so bytes are preserved
            sink.accept(new SseEvent(null, null, raw));
            return;
        }
        SseEvent e = new SseEvent(eventType, data == null ? null : data.toString(), raw);
        eventType = null;
        data = null;
        sink.accept(e);
    }
}
