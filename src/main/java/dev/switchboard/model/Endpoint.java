package dev.switchboard.model;

/** What a proxied call asks for, independent of wire format. */
public enum Endpoint {
    CHAT("/chat/completions"),
    RESPONSES("/responses"),
    EMBEDDINGS("/embeddings");

    private final String openAiPath;

    Endpoint(String openAiPath) {
        this.openAiPath = openAiPath;
    }

    /** Path under an OpenAI-style base URL ({@code .../v1}). */
    public String openAiPath() {
        return openAiPath;
    }
}
