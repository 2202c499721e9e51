package dev.switchboard.pipeline;

import dev.switchboard.format.StreamDecoder;
import dev.switchboard.model.chat.StreamEvent;
import dev.switchboard.sse.SseReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * The first {@value #MAX_BYTES} bytes of a stream relayed untouched, kept as the pieces the relay had in
 * hand anyway (ISO-8859-1 strings or byte arrays, by reference, never copied), so that when the stream is
 * cut before its usage arrives the text the client got can still be decoded and counted. Decoding
 * happens only then: relaying never pays for it.
 */
final class RelayedCopy {
    static final int MAX_BYTES = 1 << 20;

    private final List<Object> pieces = new ArrayList<>();
    private long keptBytes;
    private long relayedBytes;

    void keep(String latin1) {
        keep(latin1, latin1.length());
    }

    void keep(byte[] bytes) {
        keep(bytes, bytes.length);
    }

    private void keep(Object piece, int length) {
        relayedBytes += length;
        if (keptBytes + length <= MAX_BYTES) {
            pieces.add(piece);
            keptBytes += length;
        }
    }

    /** Output tokens of the text the stream carried, scaled by bytes when not all of it was kept. */
    long countOutput(StreamDecoder decoder, ToLongFunction<String> count) {
        if (keptBytes == 0) {
            return 0;
        }
        List<StreamEvent> events = new ArrayList<>();
        SseReader sse = new SseReader(Integer.MAX_VALUE, e -> decoder.onEvent(e, events));
        for (Object piece : pieces) {
            sse.feed(piece instanceof byte[] b ? b : ((String) piece).getBytes(StandardCharsets.ISO_8859_1));
        }
        AnswerText text = new AnswerText();
        events.forEach(text::add);
        long counted = text.count(count);
        return relayedBytes == keptBytes ? counted : Math.round(counted * (double) relayedBytes / keptBytes);
    }
}
