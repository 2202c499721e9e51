package dev.switchboard.provider;

import dev.switchboard.model.Timeouts;
import dev.switchboard.model.WireFormat;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A provider reached over HTTP. For {@code format: openai} this covers OpenAI and every compatible
 * server (OpenRouter, Groq, DeepSeek, vLLM, Ollama, llama.cpp): they differ only in base URL.
 * Anthropic and Gemini differ in paths and in how the key travels.
 */
public final class HttpProvider implements Provider {
    /** The Messages API version whose wire format the Anthropic codec implements. */
    public static final String ANTHROPIC_VERSION = "2023-06-01";

    private final String name;
    private final WireFormat format;
    private final ProviderUrls urls;
    private final Timeouts timeouts;
    private final List<String> models;
    private final Map<String, String> extraHeaders;

    public HttpProvider(String name, WireFormat format, URI baseUrl, Timeouts timeouts, List<String> models,
            Map<String, String> extraHeaders) {
        this.name = name;
        this.format = format;
        this.urls = new ProviderUrls(format, baseUrl);
        this.timeouts = timeouts;
        this.models = List.copyOf(models);
        this.extraHeaders = Map.copyOf(extraHeaders);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public WireFormat format() {
        return format;
    }

    @Override
    public Timeouts timeouts() {
        return timeouts;
    }

    @Override
    public List<String> models() {
        return models;
    }

    @Override
    public UpstreamRequest request(UpstreamOp op, byte[] body, String key, String requestId) {
        Map<String, String> headers = new LinkedHashMap<>(8);
        headers.put("content-type", "application/json");
        if (key != null) {
            switch (format) {
                case OPENAI -> headers.put("authorization", "Bearer " + key);
                case ANTHROPIC -> headers.put("x-api-key", key);
                case GEMINI -> headers.put("x-goog-api-key", key);
            }
        }
        if (format == WireFormat.ANTHROPIC) {
            headers.put("anthropic-version", ANTHROPIC_VERSION);
        }
        headers.put("x-request-id", requestId);
        headers.putAll(extraHeaders); // last: a configured anthropic-version or beta header wins
        return new UpstreamRequest("POST", urls.uri(op), headers, body, timeouts);
    }
}
