package dev.switchboard.provider;

import dev.switchboard.model.Endpoint;
import dev.switchboard.model.Timeouts;
import dev.switchboard.model.WireFormat;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A provider reached over HTTP. For {@code format: openai} this covers OpenAI and every compatible
 * server (OpenRouter, Groq, DeepSeek, vLLM, Ollama, llama.cpp): they differ only in base URL.
 */
public final class HttpProvider implements Provider {
    private final String name;
    private final WireFormat format;
    private final java.util.EnumMap<Endpoint, URI> urls = new java.util.EnumMap<>(Endpoint.class);
    private final Timeouts timeouts;
    private final List<String> models;
    private final Map<String, String> extraHeaders;

    public HttpProvider(String name, WireFormat format, URI baseUrl, Timeouts timeouts, List<String> models,
            Map<String, String> extraHeaders) {
        this.name = name;
        this.format = format;
        String s = baseUrl.toString();
        String base = s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
        for (Endpoint e : Endpoint.values()) {
            urls.put(e, URI.create(base + e.openAiPath()));
        }
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
    public UpstreamRequest request(Endpoint endpoint, byte[] body, String key, String requestId) {
        if (format != WireFormat.OPENAI) {
            throw new UnsupportedOperationException("format " + format + " is not supported yet for provider " + name);
        }
        Map<String, String> headers = new LinkedHashMap<>(8);
        headers.put("content-type", "application/json");
        if (key != null) {
            headers.put("authorization", "Bearer " + key);
        }
        headers.put("x-request-id", requestId);
        headers.putAll(extraHeaders);
        return new UpstreamRequest("POST", urls.get(endpoint), headers, body, timeouts);
    }
}
