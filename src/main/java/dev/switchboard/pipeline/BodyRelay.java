package dev.switchboard.pipeline;

import dev.switchboard.model.GatewayError;
import dev.switchboard.model.Usage;
import dev.switchboard.provider.Chunk;
import java.io.ByteArrayOutputStream;
import java.util.function.Function;

/**
 * A whole (non-streamed) answer: bytes go to the client as they arrive, and a copy, capped at the
 * body limit, is kept to read the usage when the body is complete.
 */
final class BodyRelay implements Relay {
    private final ClientExchange client;
    private final long maxCopy;
    private final Function<byte[], Usage> usageOf;
    private final ByteArrayOutputStream copy = new ByteArrayOutputStream(1024);
    private boolean copyOverflow;
    private Usage usage;

    /** @param usageOf reads the usage out of a whole answer of the upstream's format; null when it has none */
    BodyRelay(ClientExchange client, long maxCopy, Function<byte[], Usage> usageOf) {
        this.client = client;
        this.usageOf = usageOf;
        this.maxCopy = maxCopy;
    }

    @Override
    public boolean onData(Chunk chunk) {
        if (!copyOverflow) {
            if (copy.size() + (long) chunk.length() > maxCopy) {
                copyOverflow = true;
                copy.reset();
            } else {
                copy.writeBytes(chunk.bytes());
            }
        }
        return client.write(chunk);
    }

    @Override
    public void onEnd() {
        if (!copyOverflow) {
            byte[] body = copy.toByteArray();
            usage = usageOf.apply(body);
        }
        client.end();
    }

    @Override
    public void onFailure(GatewayError error) {
        // half a JSON document cannot be repaired: dropping the connection tells the client plainly
        client.abort();
    }

    @Override
    public Usage usage() {
        return usage;
    }
}
