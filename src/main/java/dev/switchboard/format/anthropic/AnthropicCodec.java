package dev.switchboard.format.anthropic;

import dev.switchboard.format.ChatCodec;
import dev.switchboard.format.Dropped;
import dev.switchboard.format.StreamDecoder;
import dev.switchboard.format.StreamEncoder;
import dev.switchboard.model.ErrorKind;
import dev.switchboard.model.GatewayError;
import dev.switchboard.model.chat.ChatRequest;
import dev.switchboard.model.chat.ChatResponse;
import dev.switchboard.model.chat.ClientFormat;
import java.time.Clock;
import java.util.Objects;

/**
 * The Anthropic Messages API ({@code POST /v1/messages}) to and from the canonical model. The clock
 * stamps answers, which Anthropic sends without a creation time.
 */
public final class AnthropicCodec implements ChatCodec {
    private final Clock clock;

    public AnthropicCodec(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public ClientFormat format() {
        return ClientFormat.ANTHROPIC;
    }

    @Override
    public ChatRequest decodeRequest(byte[] body, String pathModel, boolean pathStream) {
        return AnthropicRequestDecoder.decode(body);
    }

    @Override
    public byte[] encodeRequest(ChatRequest request, Dropped dropped) {
        return AnthropicRequestEncoder.encode(request, dropped);
    }

    @Override
    public ChatResponse decodeResponse(byte[] body) {
        return AnthropicResponses.decode(body, clock);
    }

    @Override
    public byte[] encodeResponse(ChatResponse response, ChatRequest request) {
        return AnthropicResponses.encode(response, request);
    }

    @Override
    public StreamDecoder newStreamDecoder() {
        return new AnthropicStreamDecoder(clock);
    }

    @Override
    public StreamEncoder newStreamEncoder(ChatRequest request) {
        return new AnthropicStreamEncoder(request.model());
    }

    @Override
    public int errorStatus(ErrorKind kind) {
        return AnthropicErrors.status(kind);
    }

    @Override
    public byte[] encodeError(GatewayError error) {
        return AnthropicErrors.body(error);
    }

    @Override
    public GatewayError decodeError(int status, byte[] body) {
        return AnthropicErrors.decode(status, body);
    }
}
