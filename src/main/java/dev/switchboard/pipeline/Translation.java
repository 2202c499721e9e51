package dev.switchboard.pipeline;

import dev.switchboard.format.ChatCodec;
import dev.switchboard.format.Dropped;
import dev.switchboard.model.Usage;
import dev.switchboard.model.WireFormat;

/** How a call whose provider speaks another format is carried there, and its answer brought back. */
sealed interface Translation permits ChatTranslation, EmbeddingsTranslation {

    /**
     * The body for a target of format {@code format}.
     *
     * @throws dev.switchboard.model.GatewayError naming the field when the target cannot honour the request
     */
    byte[] encodeFor(WireFormat format, ChatCodec wire, String upstreamModel);

    /** What the last {@link #encodeFor} dropped, for the {@code X-Switchboard-Dropped} header. */
    Dropped dropped();

    /**
     * A whole upstream answer in the client's format.
     *
     * @throws dev.switchboard.model.GatewayError UPSTREAM_ERROR when the body is not an answer of its format
     */
    Answer answer(byte[] upstreamBody, ChatCodec wire);

    record Answer(byte[] body, Usage usage) {}
}
