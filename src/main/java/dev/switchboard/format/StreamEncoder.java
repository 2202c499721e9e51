package dev.switchboard.format;

import dev.switchboard.model.chat.StreamEvent;
import dev.switchboard.sse.StreamText;

/**
 * Turns canonical events into one client stream of this format, appending SSE text to {@code out}.
 * Each call writes what the event means right away (no accumulation beyond what the format's own
 * framing forces). Finish and Error write the format's terminal events.
 */
public interface StreamEncoder {

    void encode(StreamEvent event, StreamText out);
}
