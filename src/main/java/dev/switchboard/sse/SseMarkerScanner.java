package dev.switchboard.sse;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Finds, in a stream relayed untouched, the few events that mention a marker (such as
 * {@code "usage"}) and parses only those. The bytes are viewed as Latin-1 so that the JDK's
 * vectorised {@code indexOf} does the scanning; a full {@link SseReader} over every event would cost
 * more than the relay itself. Only the tail after the last complete event is carried between chunks,
 * and it is capped, so memory stays bounded whatever the upstream sends.
 */
public final class SseMarkerScanner {
    private final String marker;
    private final int maxCarry;
    private final Consumer<SseEvent> onMatch;
    private String carry = "";

    public SseMarkerScanner(String marker, int maxCarry, Consumer<SseEvent> onMatch) {
        this.marker = marker;
        this.maxCarry = maxCarry;
        this.onMatch = onMatch;
    }

    public void feed(byte[] chunk) {
        feed(new String(chunk, StandardCharsets.ISO_8859_1));
    }

    /** @param latin1Chunk the chunk's bytes as ISO-8859-1 text (one char per byte) */
    public void feed(String latin1Chunk) {
        String text = latin1Chunk;
        if (!carry.isEmpty()) {
            text = carry.concat(text);
        }
        int completeEnd = lastBoundaryEnd(text, text.length());
        int p = completeEnd > 0 ? text.indexOf(marker) : -1;
        while (p >= 0 && p < completeEnd) {
            int start = lastBoundaryEnd(text, p);
            int end = nextBoundaryEnd(text, p);
            deliver(text.substring(start, end));
            p = text.indexOf(marker, end);
        }
        carry = text.substring(completeEnd);
        if (carry.length() > maxCarry) {
            throw new SseLimitExceededException("SSE event longer than " + maxCarry + " bytes");
        }
    }

    private void deliver(String latin1Event) {
        SseReader reader = new SseReader(maxCarry, onMatch);
        reader.feed(latin1Event.getBytes(StandardCharsets.ISO_8859_1));
    }

    /**
     * End (exclusive) of the last blank line (LF LF or LF CR LF) ending at or before {@code limit}, or 0.
     * A backward scan: the boundary is almost always within one event of {@code limit}.
     */
    private static int lastBoundaryEnd(String s, int limit) {
        for (int i = limit - 1; i >= 1; i--) {
            if (s.charAt(i) == '\n' && (s.charAt(i - 1) == '\n' || (i >= 2 && s.charAt(i - 1) == '\r' && s.charAt(i - 2) == '\n'))) {
                return i + 1;
            }
        }
        return 0;
    }

    /** End (exclusive) of the first blank line at or after {@code from}, or the text's length. */
    private static int nextBoundaryEnd(String s, int from) {
        int i = s.indexOf('\n', from);
        while (i >= 0 && i + 1 < s.length()) {
            char next = s.charAt(i + 1);
            if (next == '\n') {
                return i + 2;
            }
            if (next == '\r' && i + 2 < s.length() && s.charAt(i + 2) == '\n') {
                return i + 3;
            }
            i = s.indexOf('\n', i + 1);
        }
        return s.length();
    }
}
