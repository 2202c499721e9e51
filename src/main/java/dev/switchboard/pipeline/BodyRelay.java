package dev.switchboard.pipeline;

import dev.switchboard.model.GatewayError;
import dev.switchboard.model.Usage;
import dev.switchboard.provider.Chunk;
import java.io.ByteArrayOutputStream;
import java.util.function.Function;

/**
 * A whole (non-streamed) answer: bytes go to the client as they arrive, and a copy, capped at the
 * body limit, is kept to read the usage when the body is complete. With a declared length the chunk
 * that completes the body is recognised, so the record is submitted before the client has it all.
 */
final class BodyRelay implements Relay {
    private final ClientExchange client;
    private final long maxCopy;
    private final Function<byte[], Usage> usageOf;
    private final long declaredLength;
    private final Runnable answered;
    private final ByteArrayOutputStream copy = new ByteArrayOutputStream(1024);
    private boolean copyOverflow;
    private long received;
    private boolean answeredRun;
    private Usage usage;

    /**
     * @param usageOf        reads the usage out of a whole answer of the upstream's format; null when it has none
     * @param declaredLength the body's Content-Length, or -1 when it is chunked
     * @param answered       runs once, before the bytes that complete the body are written
     */
    BodyRelay(ClientExchange client, long maxCopy, Function<byte[], Usage> usageOf, long declaredLength,
            Runnable answered) {
        this.client = client;
        this.usageOf = usageOf;
        this.maxCopy = maxCopy;
        this.declaredLength = declaredLength;
        this.answered = answered;
    }

    @Override
    public boolean onData(Chunk chunk) {
        if (!copyOverflow) {
            if (copy.size() + (long) chunk.length() > maxCopy) {
                copyOverflow = true;
                copy.reset();
            } else {
                chunk.readTo(copy::write);
            }
        }
        received += chunk.length();
        if (declaredLength >= 0 && received >= declaredLength) {
            answered();
        }
        return client.write(chunk);
    }

    @Override
    public void onEnd() {
        answered();
        client.end();
    }

    private void answered() {
        if (answeredRun) {
            return;
        }
        answeredRun = true;
        if (!copyOverflow) {
            usage = usageOf.apply(copy.toByteArray());
        }
        answered.run();
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
