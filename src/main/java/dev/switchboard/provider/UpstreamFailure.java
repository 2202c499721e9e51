package dev.switchboard.provider;

/** Why an upstream call ended without a complete answer. {@code detail} never holds a secret. */
public record UpstreamFailure(Kind kind, String detail) {
    public enum Kind {
        CONNECT,
        CONNECT_TIMEOUT,
        FIRST_BYTE_TIMEOUT,
        IDLE_TIMEOUT,
        TOTAL_TIMEOUT,
        RESET,
        LIMIT
    }

    public boolean isTimeout() {
        return kind == Kind.CONNECT_TIMEOUT || kind == Kind.FIRST_BYTE_TIMEOUT
                || kind == Kind.IDLE_TIMEOUT || kind == Kind.TOTAL_TIMEOUT;
    }
}
