package dev.switchboard.pipeline;

import dev.switchboard.model.ErrorKind;
import dev.switchboard.model.chat.ClientFormat;
import dev.switchboard.model.Endpoint;
import dev.switchboard.model.Usage;
import java.time.Instant;

/**
 * What happened to one request: the input to the access log, metrics and (later) the usage store.
 *
 * @param requestId     the gateway's own id: unique, the usage record's key
 * @param clientRequestId the client's sane {@code X-Request-ID}, or null; not unique
 * @param provider      the provider that answered (or was last tried), or null
 * @param usage         null when no usage is known
 * @param ttfbMillis    time until the first response byte went to the client, -1 if none did
 * @param upstreamMillis time until the answering upstream's headers arrived, -1 if none did
 * @param outcome       ok, client_error, upstream_error, client_closed, stream_error, …
 * @param keyId         the virtual key's id (counters and usage are keyed by it), or null in dev mode
 * @param errorKind     null on success
 */
public record RequestRecord(
        String requestId,
        String clientRequestId,
        Instant startedAt,
        String keyName,
        Endpoint endpoint,
        String requestedModel,
        String provider,
        String upstreamModel,
        boolean stream,
        int status,
        String outcome,
        int attempts,
        Usage usage,
        double totalMillis,
        double ttfbMillis,
        double upstreamMillis,
        String keyId,
        String projectId,
        ClientFormat format,
        ErrorKind errorKind) {

    /** Milliseconds from {@code fromNanos} to {@code toNanos}, or -1 when either moment never came. */
    static double millisBetween(long fromNanos, long toNanos) {
        return fromNanos < 0 || toNanos < 0 ? -1 : (toNanos - fromNanos) / 1_000_000.0;
    }
}
