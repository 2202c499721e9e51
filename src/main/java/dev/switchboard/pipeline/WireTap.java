package dev.switchboard.pipeline;

import dev.switchboard.format.StreamDecoder;
import dev.switchboard.model.Usage;
import dev.switchboard.model.chat.StreamEvent;
import dev.switchboard.sse.SseReader;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * Watches an untranslated Anthropic or Gemini stream through its format's decoder, for the usage and
 * for whether the stream completed; the bytes themselves go to the client untouched.
 */
final class WireTap {
    private final StreamDecoder decoder;
    private final SseReader reader;
    private final List<StreamEvent> events = new ArrayList<>(4);
    private final StreamWatch watch = new StreamWatch();

    WireTap(StreamDecoder decoder, int maxLineBytes) {
        this.decoder = decoder;
        this.reader = new SseReader(maxLineBytes, e -> decoder.onEvent(e, events));
    }

    void feed(byte[] bytes, int offset, int length) {
        reader.feed(bytes, offset, length);
        drain();
    }

    void end() {
        if (!decoder.finished()) {
            decoder.onEnd(events);
            drain();
        }
    }

    private void drain() {
        for (StreamEvent e : events) {
            watch.see(e);
        }
        events.clear();
    }

    boolean complete() {
        return watch.finished();
    }

    Usage usage() {
        return watch.usage();
    }

    /** Output tokens of the text the stream carried so far, counted locally. */
    long countOutput(ToLongFunction<String> count) {
        return watch.countOutput(count);
    }
}
