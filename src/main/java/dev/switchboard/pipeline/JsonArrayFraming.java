package dev.switchboard.pipeline;

import dev.switchboard.provider.Chunk;
import dev.switchboard.sse.SseReader;
import dev.switchboard.sse.StreamText;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Gemini's {@code streamGenerateContent} without {@code alt=sse} streams one JSON array whose elements
 * arrive as they are generated. Everything upstream of the client speaks SSE; this exchange re-frames
 * each event's data as the next array element on its way out.
 */
final class JsonArrayFraming implements ClientExchange {
    private final ClientExchange client;
    private final SseReader reader;
    /** The array elements completed by one upstream chunk, written together. */
    private final StreamText out = new StreamText(512);
    private boolean first = true;
    private boolean streaming;
    /** The array's closing bracket went out: a relay may end the response with its last event and again at the upstream's end. */
    private boolean closed;

    JsonArrayFraming(ClientExchange client, int maxLineBytes) {
        this.client = client;
        this.reader = new SseReader(maxLineBytes, e -> {
            if (e.data() != null && !e.data().isEmpty() && !e.isDone()) {
                out.append(first ? "[" : ",\r\n").append(e.data());
                first = false;
            }
        });
    }

    @Override
    public void begin(int status, Map<String, String> headers, long contentLength) {
        streaming = true;
        headers.put("content-type", "application/json");
        headers.remove("cache-control");
        client.begin(status, headers, -1);
    }

    @Override
    public boolean write(Chunk chunk) {
        if (!streaming) {
            return client.write(chunk);
        }
        chunk.readTo(reader::feed);
        return client.writeComposed(out);
    }

    @Override
    public void end() {
        if (streaming && !closed) {
            closed = true;
            client.end(Chunk.of((first ? "[]" : "]").getBytes(StandardCharsets.US_ASCII)));
            return;
        }
        client.end();
    }

    @Override
    public String header(String name) {
        return client.header(name);
    }

    @Override
    public String path() {
        return client.path();
    }

    @Override
    public void onContext(Runnable action) {
        client.onContext(action);
    }

    @Override
    public String query(String name) {
        return client.query(name);
    }

    @Override
    public String cookie(String name) {
        return client.cookie(name);
    }

    @Override
    public void respond(int status, Map<String, String> headers, byte[] body) {
        client.respond(status, headers, body);
    }

    @Override
    public void onDrain(Runnable action) {
        client.onDrain(action);
    }

    @Override
    public void abort() {
        client.abort();
    }

    @Override
    public void onClose(Runnable action) {
        client.onClose(action);
    }
}
