package dev.switchboard.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One request's accounting row, as stored. One row per client request (not per upstream attempt);
 * {@code requestId} (the gateway's own id) is the primary key, so writing the same request twice stores it once.
 *
 * @param clientRequestId the client's {@code X-Request-ID}, or null; not unique (look-ups may find several)
 * @param model          the upstream model that answered (the one priced)
 * @param requestedModel what the client asked for (an alias or {@code provider/model})
 * @param costNanos      nano-USD; null when no price was known for the model
 * @param ttfbMs         null when no byte reached the client
 */
public record UsageRow(
        String requestId,
        String clientRequestId,
        Instant ts,
        String keyId,
        String keyName,
        String projectId,
        String provider,
        String model,
        String requestedModel,
        String endpoint,
        int status,
        String errorKind,
        boolean stream,
        long inputTokens,
        long outputTokens,
        long cacheReadTokens,
        long cacheWriteTokens,
        long reasoningTokens,
        boolean estimated,
        Long costNanos,
        Long latencyMs,
        Long ttfbMs,
        int attempts,
        String clientFormat) {

    public UsageRow {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(ts, "ts");
    }
}
