package dev.switchboard.format.responses;

import com.fasterxml.jackson.core.JsonFactory;
import dev.switchboard.format.Dropped;
import dev.switchboard.format.Json;
import dev.switchboard.format.JsonText;
import dev.switchboard.format.StreamDecoder;
import dev.switchboard.format.StreamEncoder;
import dev.switchboard.format.openai.JsonFields;
import dev.switchboard.format.openai.OpenAiFamilyCodec;
import dev.switchboard.model.chat.ChatRequest;
import dev.switchboard.model.chat.ChatResponse;
import dev.switchboard.model.chat.ClientFormat;

/**
 * OpenAI Responses ({@code POST /v1/responses}). Clients speak it (Codex and the Agents SDK among
 * them); the gateway answers by translating to whichever provider serves the model. Errors use the
 * same {@code {"error":{...}}} envelope as Chat Completions. Stateless and thread-safe.
 */
public final class ResponsesCodec extends OpenAiFamilyCodec {

    public ResponsesCodec() {
        this(Json.FACTORY);
    }

    /** @param clientFactory the factory carrying the configured limits for client bodies */
    public ResponsesCodec(JsonFactory clientFactory) {
        super(clientFactory);
    }

    @Override
    public ClientFormat format() {
        return ClientFormat.OPENAI_RESPONSES;
    }

    @Override
    public ChatRequest decodeRequest(byte[] body, String pathModel, boolean pathStream) {
        return ResponsesRequestDecoder.decode(JsonFields.clientObject(clientMapper, body));
    }

    @Override
    public byte[] encodeRequest(ChatRequest request, Dropped dropped) {
        return ResponsesRequestEncoder.encode(request, dropped);
    }

    @Override
    public ChatResponse decodeResponse(byte[] body) {
        return ResponsesResponseMapper.decode(JsonFields.upstreamObject(Json.MAPPER, body, "response"));
    }

    @Override
    public byte[] encodeResponse(ChatResponse response, ChatRequest request) {
        return JsonText.utf8(ResponsesResponseMapper.encode(response, request));
    }

    @Override
    public StreamDecoder newStreamDecoder() {
        return new ResponsesStreamDecoder();
    }

    @Override
    public StreamEncoder newStreamEncoder(ChatRequest request) {
        return new ResponsesStreamEncoder(request);
    }
}
