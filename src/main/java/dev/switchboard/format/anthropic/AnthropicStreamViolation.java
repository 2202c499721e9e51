package dev.switchboard.format.anthropic;

/** A protocol violation found while decoding an Anthropic stream; the decoder turns it into the stream's one Error. */
final class AnthropicStreamViolation extends RuntimeException {
    AnthropicStreamViolation(String message) {
        super(message, null, false, false); // expected on hostile input: no stack trace to fill
    }
}
