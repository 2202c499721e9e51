package dev.switchboard.format.openai;

import com.fasterxml.jackson.core.JsonFactory;
import dev.switchboard.format.Dropped;
import dev.switchboard.format.Json;
import dev.switchboard.format.JsonText;
import dev.switchboard.format.StreamDecoder;
import dev.switchboard.format.StreamEncoder;
import dev.switchboard.model.chat.ChatRequest;
import dev.switchboard.model.chat.ChatResponse;
import dev.switchboard.model.chat.ClientFormat;

/**
 * OpenAI Chat Completions ({@code POST /v1/chat/completions}), the API that OpenAI and most
 * OpenAI-compatible servers (vLLM, Ollama, llama.cpp, DeepSeek, Groq, OpenRouter…) speak.
 * Stateless and thread-safe: one instance serves every request.
 */
public final class OpenAiChatCodec extends OpenAiFamilyCodec {

    /** Client bodies parsed with the shared limits. */
    public OpenAiChatCodec() {
        this(Json.FACTORY);
    }

    /** @param clientFactory the factory carrying the configured limits for client bodies */
    public OpenAiChatCodec(JsonFactory clientFactory) {
        super(clientFactory);
    }

    @Override
    public ClientFormat format() {
        return ClientFormat.OPENAI_CHAT;
    }

    @Override
    public ChatRequest decodeRequest(byte[] body, String pathModel, boolean pathStream) {
        return ChatRequestDecoder.decode(JsonFields.clientObject(clientMapper, body));
    }

    @Override
    public byte[] encodeRequest(ChatRequest request, Dropped dropped) {
        return ChatRequestEncoder.encode(request, dropped);
    }

    @Override
    public ChatResponse decodeResponse(byte[] body) {
        return ChatResponseMapper.decode(JsonFields.upstreamObject(Json.MAPPER, body, "chat completion"));
    }

    @Override
    public byte[] encodeResponse(ChatResponse response, ChatRequest request) {
        return JsonText.utf8(ChatResponseMapper.encode(response));
    }

    @Override
    public StreamDecoder newStreamDecoder() {
        return new OpenAiChatStreamDecoder();
    }

    @Override
    public StreamEncoder newStreamEncoder(ChatRequest request) {
        return new OpenAiChatStreamEncoder(request.includeUsage());
    }
}
