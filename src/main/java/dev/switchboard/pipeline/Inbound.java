package dev.switchboard.pipeline;

import dev.switchboard.model.Endpoint;
import dev.switchboard.model.chat.ClientFormat;
import java.util.Objects;

/**
 * What the URL of a proxied call says: the API the client speaks, the operation, and (Gemini) the
 * model and streaming choice that this format puts in the path rather than in the body.
 *
 * @param batch Gemini {@code batchEmbedContents} rather than {@code embedContent}
 */
public record Inbound(ClientFormat format, Endpoint endpoint, String pathModel, boolean pathStream, boolean batch) {
    public Inbound {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(endpoint, "endpoint");
    }

    public static Inbound openAi(Endpoint endpoint) {
        return new Inbound(endpoint == Endpoint.RESPONSES ? ClientFormat.OPENAI_RESPONSES : ClientFormat.OPENAI_CHAT,
                endpoint, null, false, false);
    }

    public static Inbound anthropic(Endpoint endpoint) {
        return new Inbound(ClientFormat.ANTHROPIC, endpoint, null, false, false);
    }

    public static Inbound gemini(Endpoint endpoint, String model, boolean stream, boolean batch) {
        return new Inbound(ClientFormat.GEMINI, endpoint, model, stream, batch);
    }
}
