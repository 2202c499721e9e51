package dev.switchboard.format.anthropic;

import java.util.Set;

/**
 * The events whose whole data Anthropic writes in one fixed compact form, recognised without a parse:
 * a long stream is mostly deltas (see {@link AnthropicTextDelta}), and after them these are the events
 * that come once per block or per stream. Any other spelling is not recognised and goes the general way.
 */
final class AnthropicCompactEvents {
    private static final Set<String> PING = Set.of("{\"type\": \"ping\"}", "{\"type\":\"ping\"}");
    private static final String MESSAGE_STOP = "{\"type\":\"message_stop\"}";
    private static final String BLOCK_STOP_HEAD = "{\"type\":\"content_block_stop\",\"index\":";

    private AnthropicCompactEvents() {}

    /** A keep-alive, in either spelling Anthropic documents. */
    static boolean isPing(String data) {
        return PING.contains(data);
    }

    static boolean isMessageStop(String data) {
        return MESSAGE_STOP.equals(data);
    }

    /** The index of {@code {"type":"content_block_stop","index":N}} exactly, or -1 for any other data. */
    static int blockStopIndex(String data) {
        int to = data.length() - 1;
        return data.startsWith(BLOCK_STOP_HEAD) && data.charAt(to) == '}'
                ? index(data, BLOCK_STOP_HEAD.length(), to) : -1;
    }

    /**
     * The block index written in {@code [from, to)} of {@code data}, or -1 unless it is all digits, as
     * JSON writes a number (no leading zero) and at most 9 of them (so it fits an int): anything else is
     * left to the parser.
     */
    static int index(String data, int from, int to) {
        if (to <= from || to - from > 9 || data.charAt(from) == '0' && to - from > 1) {
            return -1;
        }
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = data.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }
}
