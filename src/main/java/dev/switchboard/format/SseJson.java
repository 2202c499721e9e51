package dev.switchboard.format;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.sse.StreamText;

/** An SSE event whose data is a JSON tree, composed into a stream's text, as the stream encoders write them. */
public final class SseJson {
    private SseJson() {}

    /**
     * Appends {@code event: name} (unless {@code name} is null) and {@code data} as one {@code data:} line:
     * compact JSON has no raw line break (Jackson escapes every one inside a string), so one line always
     * holds it. Returns {@code out}.
     */
    public static StreamText event(StreamText out, String name, JsonNode data) {
        if (name != null) {
            out.append("event: ").append(name).append('\n');
        }
        return JsonText.append(out.append("data: "), data).append("\n\n");
    }
}
