package dev.switchboard.pipeline;

import dev.switchboard.format.Codecs;
import dev.switchboard.format.StreamDecoder;
import dev.switchboard.format.StreamEncoder;
import dev.switchboard.model.GatewayError;
import dev.switchboard.model.Usage;
import dev.switchboard.model.chat.StreamEvent;
import dev.switchboard.provider.Chunk;
import dev.switchboard.sse.SseReader;
import dev.switchboard.sse.StreamText;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * Relays a stream between formats: each upstream event is decoded to canonical events and encoded
 * for the client as soon as it completes, so the client sees tokens as the upstream sends them. The
 * decoder never throws; whatever it makes of a broken stream ends as the client format's error event.
 */
final class TranslatedStreamRelay implements Relay {
    private final ClientExchange client;
    private final StreamDecoder decoder;
    private final StreamEncoder encoder;
    private final SseReader reader;
    private final List<StreamEvent> events = new ArrayList<>(8);
    /** The client's events composed from one upstream chunk, written together. */
    private final StreamText out = new StreamText(512);
    private final StreamWatch watch = new StreamWatch();
    private final Runnable answered;
    private boolean answeredRun;

    /** @param answered runs once, before the bytes that complete the stream are written */
    TranslatedStreamRelay(ClientExchange client, StreamDecoder decoder, StreamEncoder encoder, int maxLineBytes,
            Runnable answered) {
        this.client = client;
        this.answered = answered;
        this.decoder = decoder;
        this.encoder = encoder;
        this.reader = new SseReader(maxLineBytes, e -> decoder.onEvent(e, events));
    }

    @Override
    public boolean onData(Chunk chunk) {
        // sized once for what a chunk translates to (an OpenAI chunk is about twice an Anthropic event),
        // where growing by doubling from the default would allocate more than twice the text
        out.ensureRoom(2 * chunk.length());
        chunk.readTo(reader::feed);
        return flush();
    }

    private boolean flush() {
        for (StreamEvent e : events) {
            if (watch.terminated()) {
                break; // a decoder's contract, enforced: nothing after the terminal event
            }
            watch.see(e);
            encoder.encode(e, out);
        }
        events.clear();
        if (watch.finished()) {
            answered(); // before the terminal event goes out
        }
        if (watch.terminated()) {
            // nothing may follow the terminal event: end with it, which saves the chunked end its own write
            client.endComposed(out);
            return true;
        }
        return client.writeComposed(out);
    }

    @Override
    public void onEnd() {
        if (!watch.terminated()) {
            decoder.onEnd(events);
            flush();
        }
        answered();
        client.end();
    }

    private void answered() {
        if (!answeredRun) {
            answeredRun = true;
            answered.run();
        }
    }

    @Override
    public void onFailure(GatewayError error) {
        if (!watch.terminated()) {
            Usage usage = watch.usage();
            events.add(new StreamEvent.Error(error.kind(), error.getMessage(), usage == null ? Usage.NONE : usage));
            flush();
        }
        client.end();
    }

    @Override
    public boolean complete() {
        return watch.finished();
    }

    @Override
    public long countOutput(ToLongFunction<String> count, Codecs codecs) {
        return watch.countOutput(count);
    }

    @Override
    public Usage usage() {
        return watch.usage();
    }
}
