package dev.switchboard.format;

import dev.switchboard.model.chat.StreamEvent;
import dev.switchboard.sse.SseEvent;
import java.util.List;

/**
 * Turns one upstream stream's SSE events into canonical events, one stream per instance. Never
 * throws: garbage, truncated or out-of-order input becomes a {@link StreamEvent.Error}, after which
 * the decoder ignores further input.
 */
public interface StreamDecoder {

    void onEvent(SseEvent event, List<StreamEvent> out);

    /** The upstream closed the stream. Emits Finish if the stream completed, else an Error. */
    void onEnd(List<StreamEvent> out);

    /** True once a Finish or Error has been emitted. */
    boolean finished();
}
