package dev.switchboard.pipeline;

import dev.switchboard.format.anthropic.AnthropicCountTokens;
import dev.switchboard.format.gemini.GeminiCountTokens;
import dev.switchboard.model.GatewayError;
import dev.switchboard.model.chat.ChatRequest;
import dev.switchboard.model.chat.ClientFormat;
import dev.switchboard.usage.TokenEstimator;

/**
 * Anthropic {@code count_tokens} and Gemini {@code countTokens} answered locally, for routes whose
 * providers cannot count (OpenAI has no such endpoint). The count is the tokenizer's, so the answer
 * says it is an estimate in the {@code x-switchboard-estimated} header.
 */
final class TokenCounting {
    static final String ESTIMATED_HEADER = "x-switchboard-estimated";

    private final TokenEstimator tokens;

    TokenCounting(TokenEstimator tokens) {
        this.tokens = tokens;
    }

    /** @throws GatewayError INVALID_REQUEST when the body is not a valid counting request */
    byte[] answer(Inbound inbound, byte[] body, String upstreamModel) {
        return switch (inbound.format()) {
            case ANTHROPIC -> {
                ChatRequest request = AnthropicCountTokens.decodeRequest(body);
                yield AnthropicCountTokens.encodeResponse(tokens.countPrompt(upstreamModel, request));
            }
            case GEMINI -> {
                ChatRequest request = GeminiCountTokens.decode(body, inbound.pathModel());
                yield GeminiCountTokens.render(tokens.countPrompt(upstreamModel, request));
            }
            case OPENAI_CHAT, OPENAI_RESPONSES -> throw GatewayError.invalid("token counting is not an OpenAI endpoint", null);
        };
    }

    /** Whether providers of this client's format can count themselves. */
    static boolean nativeFor(ClientFormat format) {
        return format == ClientFormat.ANTHROPIC || format == ClientFormat.GEMINI;
    }
}
