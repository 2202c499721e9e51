package dev.switchboard.sse;

import java.nio.charset.StandardCharsets;

/** Encodes events; multi-line data becomes several {@code data:} lines as the spec requires. */
public final class SseWriter {
    private SseWriter() {}

    public static byte[] data(String data) {
        return event(null, data);
    }

    public static byte[] event(String event, String data) {
        StringBuilder sb = new StringBuilder(data.length() + 32);
        if (event != null) {
            sb.append("event: ").append(event).append('\n');
        }
        int start = 0;
        while (true) {
            int nl = data.indexOf('\n', start);
            sb.append("data: ").append(data, start, nl < 0 ? data.length() : nl).append('\n');
            if (nl < 0) {
                break;
            }
            start = nl + 1;
        }
        sb.append('\n');
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }
}
