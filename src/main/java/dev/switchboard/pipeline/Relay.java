package dev.switchboard.pipeline;

import dev.switchboard.model.GatewayError;
import dev.switchboard.model.Usage;
import dev.switchboard.provider.Chunk;

/** Moves a committed upstream answer to the client and watches it for usage. */
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
}
