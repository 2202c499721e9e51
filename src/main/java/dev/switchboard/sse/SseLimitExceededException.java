package dev.switchboard.sse;

/** A line or event grew past its cap: the peer is broken or hostile. */
public final class SseLimitExceededException extends RuntimeException {
    public SseLimitExceededException(String message) {
        super(message, null, false, false);
    }
}
