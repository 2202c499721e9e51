package dev.switchboard.pipeline;

import dev.switchboard.format.Codecs;
import dev.switchboard.format.openai.ChatStreamTap;
import dev.switchboard.format.openai.ResponsesStreamTap;
import dev.switchboard.model.Endpoint;
import dev.switchboard.model.GatewayError;
import dev.switchboard.model.Usage;
import dev.switchboard.model.WireFormat;
import dev.switchboard.model.chat.ClientFormat;
import dev.switchboard.provider.Chunk;
import dev.switchboard.sse.SseEvent;
import dev.switchboard.sse.SseMarkerScanner;
import dev.switchboard.sse.SseReader;
import java.io.ByteArrayOutputStream;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * Relays an SSE answer. When the client's bytes need no change the upstream chunk is written as is
 * and a scanner picks out only the events that carry usage (same format, same bytes). When the gateway added a usage request
 * the client did not make, whole events are forwarded as soon as each completes and the usage-only
 * chunk is left out. Either way nothing waits for the end of the stream.
 *
 * <p>OpenAI streams are only scanned for usage on the way through, so their bytes are kept
 * ({@link RelayedCopy}): when the stream is cut before its usage arrives, the text the client got is
 * decoded from them and counted for the record.
 */
final class StreamRelay implements Relay {
    private final ClientExchange client;
    private final boolean filterUsageChunk;
    private final boolean lengthDeclared;
    private final SseReader reader;
    private final SseMarkerScanner scanner;
    private final ChatStreamTap chatTap;
    private final ResponsesStreamTap responsesTap;
    private final WireTap wireTap;
    private final Function<GatewayError, byte[]> errorEvent;
    private final Runnable answered;
    private final Endpoint endpoint;
    /** The OpenAI stream as relayed, for a count of its text; null for the others (their tap counts). */
    private final RelayedCopy copy;
    private boolean answeredRun;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream(1024);
    /** The last bytes relayed untouched, to see a chat stream's closing {@code data: [DONE]}. */
    private String tail = "";

    /**
     * @param lengthDeclared the response carries the upstream's Content-Length, so nothing may be appended
     * @param wireTap        for Anthropic and Gemini streams, the decoder that watches them; null for OpenAI
     * @param errorEvent     the client format's event for a failure mid-stream
     * @param answered       runs once, before the bytes that complete the stream are written
     */
    StreamRelay(ClientExchange client, Endpoint endpoint, boolean filterUsageChunk, boolean lengthDeclared, int maxLineBytes,
            WireTap wireTap, Function<GatewayError, byte[]> errorEvent, Runnable answered) {
        this.client = client;
        this.endpoint = endpoint;
        this.answered = answered;
        this.copy = wireTap == null ? new RelayedCopy() : null;
        this.filterUsageChunk = filterUsageChunk;
        this.lengthDeclared = lengthDeclared;
        this.wireTap = wireTap;
        this.errorEvent = errorEvent;
        this.chatTap = wireTap == null && endpoint == Endpoint.CHAT ? new ChatStreamTap() : null;
        this.responsesTap = wireTap == null && endpoint == Endpoint.RESPONSES ? new ResponsesStreamTap() : null;
        // untouched streams are only scanned for the events that carry usage; filtered ones are parsed
        this.reader = filterUsageChunk ? SseReader.relaying(maxLineBytes, this::onEvent) : null;
        this.scanner = filterUsageChunk || wireTap != null ? null
                : new SseMarkerScanner("\"usage\"", maxLineBytes, this::onEvent);
    }

    @Override
    public boolean onData(Chunk chunk) {
        if (wireTap != null) {
            chunk.readTo(wireTap::feed);
            answeredIfComplete();
            return client.write(chunk);
        }
        if (!filterUsageChunk) {
            String text = chunk.latin1();
            copy.keep(text);
            scanner.feed(text);
            if (chatTap != null) {
                String t = tail.concat(text.length() > 32 ? text.substring(text.length() - 32) : text);
                tail = t.length() > 32 ? t.substring(t.length() - 32) : t;
            }
            answeredIfComplete();
            return client.write(chunk);
        }
        byte[] bytes = chunk.bytes();
        copy.keep(bytes);
        reader.feed(bytes);
        answeredIfComplete();
        return writePending();
    }

    /** Whole events kept back until their chunk was read, written as one; true when there were none. */
    private boolean writePending() {
        if (pending.size() == 0) {
            return true;
        }
        byte[] out = pending.toByteArray();
        pending.reset();
        return client.write(out);
    }

    /** The chunk about to go out completes the answer: the record is submitted first. */
    private void answeredIfComplete() {
        if (!answeredRun && complete()) {
            answered();
        }
    }

    private void answered() {
        if (!answeredRun) {
            answeredRun = true;
            answered.run();
        }
    }

    private void onEvent(SseEvent event) {
        boolean usageOnly = false;
        if (chatTap != null) {
            usageOnly = chatTap.onEvent(event);
        } else if (responsesTap != null) {
            responsesTap.onEvent(event);
        }
        if (filterUsageChunk && !usageOnly) {
            pending.writeBytes(event.raw());
        }
    }

    @Override
    public void onEnd() {
        if (wireTap != null) {
            wireTap.end();
        }
        answered();
        client.end();
    }

    @Override
    public void onFailure(GatewayError error) {
        if (lengthDeclared) {
            // an error event would overrun the declared length; a cut connection is the honest signal
            client.abort();
            return;
        }
        writePending();
        client.write(errorEvent.apply(error));
        client.end();
    }

    @Override
    public boolean complete() {
        if (wireTap != null) {
            return wireTap.complete();
        }
        if (chatTap != null) {
            return chatTap.sawDone() || tail.strip().endsWith("data: [DONE]");
        }
        return responsesTap != null && responsesTap.sawTerminalEvent();
    }

    @Override
    public long countOutput(ToLongFunction<String> count, Codecs codecs) {
        if (wireTap != null) {
            return wireTap.countOutput(count);
        }
        return copy.countOutput((endpoint == Endpoint.RESPONSES ? codecs.client(ClientFormat.OPENAI_RESPONSES)
                : codecs.wire(WireFormat.OPENAI)).newStreamDecoder(), count);
    }

    @Override
    public Usage usage() {
        if (wireTap != null) {
            return wireTap.usage();
        }
        if (chatTap != null) {
            return chatTap.usage();
        }
        return responsesTap == null ? null : responsesTap.usage();
    }
}
