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
    private final AnswerText text = new AnswerText();
    private Usage usage;
    private boolean complete;

    WireTap(StreamDecoder decoder, int maxLineBytes) {
        this.decoder = decoder;
        this.reader = new SseReader(maxLineBytes, e -> decoder.onEvent(e, events));
    }

    void feed(byte[] bytes) {
        reader.feed(bytes);
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
            switch (e) {
                case StreamEvent.Start s -> usage = s.usage();
                case StreamEvent.Finish f -> {
                    usage = f.usage();
                    complete = true;
                }
                case StreamEvent.Error err -> usage = err.usage();
                default -> text.add(e);
            }
        }
        events.clear();
    }

    boolean complete() {
        return complete;
    }

    Usage usage() {
        return usage;
    }

    /** Output tokens of the text the stream carried so far, counted locally. */
    long countOutput(ToLongFunction<String> count) {
        return text.count(count);
    }
}
