package dev.switchboard.provider;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.switchboard.model.Endpoint;
import dev.switchboard.model.GatewayError;
import dev.switchboard.model.WireFormat;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Where each format puts each operation. Base URLs are taken the way each vendor documents them
 * (OpenAI with {@code /v1}, Anthropic and Gemini without a version); a version segment the user added
 * anyway is not doubled.
 */
final class ProviderUrls {
    private final WireFormat format;
    private final String base;
    /**
     * Built URIs by what decides them (the endpoint; for Gemini the whole operation, since the model is
     * in the path): parsing a URI per request showed up on the event loop. Bounded, as model names come
     * from clients.
     */
    private final Cache<Object, URI> built = Caffeine.newBuilder().maximumSize(1024).build();

    ProviderUrls(WireFormat format, URI baseUrl) {
        this.format = format;
        String s = baseUrl.toString();
        String trimmed = s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
        this.base = switch (format) {
            case OPENAI -> trimmed;
            case ANTHROPIC -> stripSuffix(trimmed, "/v1");
            case GEMINI -> stripSuffix(stripSuffix(trimmed, "/v1beta"), "/v1");
        };
    }

    URI uri(UpstreamOp op) {
        return built.get(format == WireFormat.GEMINI ? op : op.endpoint(), k -> build(op));
    }

    private URI build(UpstreamOp op) {
        return URI.create(switch (format) {
            case OPENAI -> openAi(op.endpoint());
            case ANTHROPIC -> anthropic(op.endpoint());
            case GEMINI -> gemini(op);
        });
    }

    private String openAi(Endpoint endpoint) {
        if (endpoint == Endpoint.COUNT_TOKENS) {
            throw unsupported("token counting");
        }
        return base + endpoint.openAiPath();
    }

    private String anthropic(Endpoint endpoint) {
        return switch (endpoint) {
            case CHAT -> base + "/v1/messages";
            case COUNT_TOKENS -> base + "/v1/messages/count_tokens";
            case RESPONSES, EMBEDDINGS -> throw unsupported(endpoint.label());
        };
    }

    private String gemini(UpstreamOp op) {
        String model = op.model() == null ? "" : op.model();
        if (model.startsWith("models/")) {
            model = model.substring("models/".length());
        }
        // slashes stay: Gemini's own ids never have them, and tuned or routed ids keep their path
        String prefix = base + "/v1beta/models/" + URLEncoder.encode(model, StandardCharsets.UTF_8).replace("%2F", "/");
        return switch (op.endpoint()) {
            case CHAT -> op.stream() ? prefix + ":streamGenerateContent?alt=sse" : prefix + ":generateContent";
            case COUNT_TOKENS -> prefix + ":countTokens";
            case EMBEDDINGS -> op.batch() ? prefix + ":batchEmbedContents" : prefix + ":embedContent";
            case RESPONSES -> throw unsupported("responses");
        };
    }

    private GatewayError unsupported(String what) {
        return GatewayError.invalid("providers of format " + format.name().toLowerCase() + " do not support " + what, null);
    }

    private static String stripSuffix(String s, String suffix) {
        return s.endsWith(suffix) ? s.substring(0, s.length() - suffix.length()) : s;
    }
}
