package dev.switchboard.pipeline;

import dev.switchboard.format.ChatCodec;
import dev.switchboard.format.Dropped;
import dev.switchboard.format.gemini.GeminiEmbeddings;
import dev.switchboard.model.GatewayError;
import dev.switchboard.model.Usage;
import dev.switchboard.model.WireFormat;
import dev.switchboard.model.chat.ClientFormat;
import java.util.function.ToLongBiFunction;

/**
 * Embeddings between OpenAI and Gemini, both ways. Gemini reports no token usage for embeddings, so
 * an OpenAI client's answer from Gemini carries a local count, and the record says it is estimated.
 */
final class EmbeddingsTranslation implements Translation {
    private final ClientFormat client;
    private final byte[] body;
    private final Inbound inbound;
    /** (model, text) → tokens, for the usage Gemini does not report */
    private final ToLongBiFunction<String, String> tokens;
    private GeminiEmbeddings.OpenAiRequest openAi;
    private GeminiEmbeddings.GeminiRequest gemini;
    private Dropped dropped = new Dropped();

    EmbeddingsTranslation(byte[] body, Inbound inbound, ToLongBiFunction<String, String> tokens) {
        this.client = inbound.format();
        this.body = body;
        this.inbound = inbound;
        this.tokens = tokens;
    }

    /** Parses the client's body now, so that a malformed one is refused before any upstream is tried. */
    EmbeddingsTranslation validate() {
        if (client == ClientFormat.GEMINI) {
            gemini = GeminiEmbeddings.parseGeminiRequest(body, inbound.pathModel(), inbound.batch());
        } else {
            openAi = GeminiEmbeddings.parseOpenAiRequest(body);
        }
        return this;
    }

    @Override
    public byte[] encodeFor(WireFormat format, ChatCodec wire, String upstreamModel) {
        Dropped attempt = new Dropped();
        byte[] out;
        if (client == ClientFormat.GEMINI && format == WireFormat.OPENAI) {
            out = GeminiEmbeddings.toOpenAiRequest(gemini, upstreamModel, attempt);
        } else if (client != ClientFormat.GEMINI && format == WireFormat.GEMINI) {
            out = GeminiEmbeddings.toBatchEmbedContents(openAi, upstreamModel, attempt);
        } else {
            throw GatewayError.invalid("providers of format " + format.name().toLowerCase()
                    + " do not offer embeddings", "model");
        }
        dropped = attempt;
        return out;
    }

    @Override
    public Dropped dropped() {
        return dropped;
    }

    @Override
    public Answer answer(byte[] upstreamBody, ChatCodec wire) {
        if (client == ClientFormat.GEMINI) {
            return new Answer(GeminiEmbeddings.toGeminiResponse(upstreamBody, gemini), GeminiEmbeddings.openAiUsage(upstreamBody));
        }
        long prompt = 0;
        for (String text : openAi.inputs()) {
            prompt += tokens.applyAsLong(openAi.model(), text);
        }
        return new Answer(GeminiEmbeddings.toOpenAiResponse(upstreamBody, openAi, prompt),
                new Usage(prompt, 0, 0, 0, 0, true));
    }
}
