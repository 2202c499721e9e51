package dev.switchboard.model;

/** What a proxied call asks for, independent of wire format. */
public enum Endpoint {
    CHAT("/chat/completions"),
    RESPONSES("/responses"),
    EMBEDDINGS("/embeddings"),
    /** Anthropic {@code count_tokens} and Gemini {@code countTokens}: no OpenAI equivalent. */
    COUNT_TOKENS("/count_tokens");

    private final String openAiPath;
    private final String label = name().toLowerCase(java.util.Locale.ROOT);

    Endpoint(String openAiPath) {
        this.openAiPath = openAiPath;
    }

    /** Lower-case name for logs and metric labels. */
    public String label() {
        return label;
    }

    /** Path under an OpenAI-style base URL ({@code .../v1}). */
    public String openAiPath() {
        return openAiPath;
    }
}
