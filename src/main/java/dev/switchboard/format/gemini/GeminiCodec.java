package dev.switchboard.format.gemini;

import dev.switchboard.format.ChatCodec;
import dev.switchboard.format.Dropped;
import dev.switchboard.format.StreamDecoder;
import dev.switchboard.format.StreamEncoder;
import dev.switchboard.model.GatewayError;
import dev.switchboard.model.chat.ChatRequest;
import dev.switchboard.model.chat.ChatResponse;
import dev.switchboard.model.chat.ClientFormat;
import java.time.Clock;
import java.util.Objects;

/**
 * The Gemini API ({@code models/{model}:generateContent} and {@code :streamGenerateContent?alt=sse})
 * to and from the canonical model. The model and the stream flag live in the URL, so they come in as
 * {@code pathModel}/{@code pathStream} and never go into an encoded body. The clock dates answers,
 * since Gemini's carry no creation time.
 */
public final class GeminiCodec implements ChatCodec {
    private final Clock clock;

    public GeminiCodec(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public ClientFormat format() {
        return ClientFormat.GEMINI;
    }

    /** @param pathModel the {@code {model}} of the URL, with or without the {@code models/} prefix */
    @Override
    public ChatRequest decodeRequest(byte[] body, String pathModel, boolean pathStream) {
        var root = GeminiJson.clientObject(body);
        String model = GeminiRequestDecoder.bareModel(pathModel != null ? pathModel
                : GeminiJson.text(root, "model", "model"));
        if (model == null || model.isEmpty()) {
            throw GatewayError.invalid("the model is missing from the URL path (models/{model}:generateContent)", "model");
        }
        return GeminiRequestDecoder.decode(root, model, pathStream);
    }

    @Override
    public byte[] encodeRequest(ChatRequest request, Dropped dropped) {
        return GeminiJson.bytes(GeminiRequestEncoder.encode(request, dropped));
    }

    @Override
    public ChatResponse decodeResponse(byte[] body) {
        return GeminiResponseDecoder.decode(body, clock);
    }

    @Override
    public byte[] encodeResponse(ChatResponse response, ChatRequest request) {
        return GeminiJson.bytes(GeminiResponseEncoder.encode(response));
    }

    @Override
    public StreamDecoder newStreamDecoder() {
        return new GeminiStreamDecoder(clock);
    }

    @Override
    public StreamEncoder newStreamEncoder(ChatRequest request) {
        return new GeminiStreamEncoder();
    }

    @Override
    public byte[] encodeError(GatewayError error) {
        return GeminiErrors.body(error);
    }

    @Override
    public GatewayError decodeError(int status, byte[] body) {
        return GeminiErrors.decode(status, body);
    }
}
