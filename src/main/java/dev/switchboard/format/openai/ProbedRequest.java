package dev.switchboard.format.openai;

/**
 * What routing needs from an OpenAI-style request body, read without building a tree.
 *
 * @param modelStart byte offset of the model string's opening quote (for an in-place rewrite)
 * @param modelEnd   byte offset just past its closing quote
 * @param usageInStream whether a streamed answer will carry a usage chunk the client asked for
 */
public record ProbedRequest(
        String model, int modelStart, int modelEnd, boolean stream, StreamOptions streamOptions) {

    public enum StreamOptions {
        /** no {@code stream_options} at all: the gateway may add one */
        ABSENT,
        /** {@code include_usage: true} */
        INCLUDE_USAGE,
        /** present without usage: the gateway must rewrite it to see usage */
        OTHER
    }

    public boolean clientWantsUsage() {
        return streamOptions == StreamOptions.INCLUDE_USAGE;
    }
}
