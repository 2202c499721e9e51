package dev.switchboard.format.openai;

/**
 * What routing needs from an OpenAI-style request body, read without building a tree.
 *
 * @param modelStart byte offset of the model string's opening quote (for an in-place rewrite)
 * @param modelEnd   byte offset just past its closing quote
 * @param user the top-level {@code user} string, or null
 * @param metadataUserId {@code metadata.user_id} when {@code metadata} is an object holding that string, or null
 */
public record ProbedRequest(
        String model, int modelStart, int modelEnd, boolean stream, StreamOptions streamOptions,
        String user, String metadataUserId) {

    public ProbedRequest(String model, int modelStart, int modelEnd, boolean stream, StreamOptions streamOptions) {
        this(model, modelStart, modelEnd, stream, streamOptions, null, null);
    }

    public enum StreamOptions {
        /** no {@code stream_options} at all: the gateway may add one */
        ABSENT,
        /** {@code include_usage: true} */
        INCLUDE_USAGE,
        /** present without usage: the gateway must rewrite it to see usage */
        OTHER
    }

    /** What the body says about the caller's session: {@code metadata.user_id}, else {@code user}; may be null. */
    public String sessionHint() {
        return metadataUserId != null && !metadataUserId.isBlank() ? metadataUserId : user;
    }

    public boolean clientWantsUsage() {
        return streamOptions == StreamOptions.INCLUDE_USAGE;
    }
}
