package dev.switchboard.store;

import java.time.Instant;
import java.util.Objects;

/**
 * Bodies of one request, kept only when body logging is on for its key or project. The caller caps
 * and redacts them before they get here; {@code truncated} says the cap cut something off.
 */
public record RequestLogRow(
        String requestId, Instant ts, String keyId, String projectId, String requestBody, String responseBody,
        boolean truncated) {

    public RequestLogRow {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(ts, "ts");
    }
}
