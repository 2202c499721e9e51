package dev.switchboard.pipeline;

import dev.switchboard.format.Codecs;
import dev.switchboard.model.GatewayError;
import dev.switchboard.model.Usage;
import dev.switchboard.provider.Chunk;
import java.util.function.ToLongFunction;

/**
 * Moves a committed upstream answer to the client and watches it for usage. Each relay runs the
 * {@code answered} action its maker gave it once, just before the bytes that complete the answer go
 * out (or before the response ends, when no byte says "complete"): the call submits its usage record
 * there, so a client that holds a complete answer can count on its record being written.
 */
interface Relay {
    /** @return false when the client cannot take more now (the caller pauses upstream) */
    boolean onData(Chunk chunk);

    void onEnd();

    /** The upstream failed after the client got bytes: end the response as well as the format allows. */
    void onFailure(GatewayError error);

    /** Whether the client already has the whole answer (a stream's terminal event went through). */
    default boolean complete() {
        return false;
    }

    /** True when the relay starts the client's response itself, once it knows what to send. */
    default boolean deferredBegin() {
        return false;
    }

    /** null when no usage was seen */
    Usage usage();

    /**
     * Output tokens of what went to the client so far, counted locally: for the record of an answer the
     * provider reported no (or no final) usage for. 0 when this relay cannot tell.
     *
     * @param count tokens of a piece of answer text, as the answering model would count them (about)
     */
    default long countOutput(ToLongFunction<String> count, Codecs codecs) {
        return 0;
    }
}
