package dev.switchboard.server;

import dev.switchboard.model.Endpoint;
import dev.switchboard.pipeline.Inbound;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Gemini's method paths: {@code /v1beta/models/{model}:{method}}. The model may itself contain
 * slashes ({@code models/anthropic/claude-x:generateContent}), so the method is what follows the last
 * colon of the path.
 */
final class GeminiPaths {
    private static final String[] PREFIXES = {"/v1beta/models/", "/v1/models/"};

    private GeminiPaths() {}

    static boolean isGemini(String path) {
        return (path.startsWith(PREFIXES[0]) || path.startsWith(PREFIXES[1])) && path.indexOf(':') > 0;
    }

    static Optional<Inbound> parse(String path) {
        String prefix = path.startsWith(PREFIXES[0]) ? PREFIXES[0] : PREFIXES[1];
        int colon = path.lastIndexOf(':');
        if (colon <= prefix.length()) {
            return Optional.empty();
        }
        String model;
        try {
            model = URLDecoder.decode(path.substring(prefix.length(), colon).replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return switch (path.substring(colon + 1)) {
            case "generateContent" -> Optional.of(Inbound.gemini(Endpoint.CHAT, model, false, false));
            case "streamGenerateContent" -> Optional.of(Inbound.gemini(Endpoint.CHAT, model, true, false));
            case "countTokens" -> Optional.of(Inbound.gemini(Endpoint.COUNT_TOKENS, model, false, false));
            case "embedContent" -> Optional.of(Inbound.gemini(Endpoint.EMBEDDINGS, model, false, false));
            case "batchEmbedContents" -> Optional.of(Inbound.gemini(Endpoint.EMBEDDINGS, model, false, true));
            default -> Optional.empty();
        };
    }
}
