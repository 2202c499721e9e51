package dev.switchboard.provider;

import dev.switchboard.model.Endpoint;
import java.util.Objects;

/**
 * What one upstream call does, as far as building its URL goes: Gemini puts the model and the
 * streaming choice in the path, the others only need the endpoint.
 *
 * @param batch for Gemini embeddings: {@code batchEmbedContents} rather than {@code embedContent}
 */
public record UpstreamOp(Endpoint endpoint, boolean stream, String model, boolean batch) {
    public UpstreamOp {
        Objects.requireNonNull(endpoint, "endpoint");
    }

    public static UpstreamOp of(Endpoint endpoint, boolean stream, String model) {
        return new UpstreamOp(endpoint, stream, model, true);
    }
}
