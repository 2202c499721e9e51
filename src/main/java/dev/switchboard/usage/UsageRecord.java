package dev.switchboard.usage;

import dev.switchboard.model.Endpoint;
import dev.switchboard.model.ErrorKind;
import dev.switchboard.model.Usage;
import dev.switchboard.model.chat.ClientFormat;
import java.time.Instant;
import java.util.Objects;

/**
 * The one accounting record of one client request, on every path: success, upstream error, stream,
 * passthrough, cache hit, client disconnect, failover.
 *
 * <p>Billing semantics: {@code attempts} counts every upstream attempt the request made (failover and
 * retries included; 0 for a cache hit or a request refused before routing). Only the answering
 * attempt is billed: {@code usage} and {@code cost} are that attempt's tokens and price, and
 * {@code provider}/{@code model} name it. Attempts that failed before their first byte are counted
 * but carry no tokens. A request that never reached an upstream has {@link Usage#NONE} and a zero cost.
 * {@code usage.estimated()} marks tokens counted locally because the provider gave none.
 *
 * @param requestId      the gateway's own id for the request: unique, so it is the record's idempotency key
 * @param clientRequestId the client's {@code X-Request-ID}, or null; for finding a client's requests, never
 *                       a key (a client may send the same one twice, and every request still counts)
 * @param keyId          virtual key id, or null (dev mode, config key without an id)
 * @param provider       the provider that answered (or was last tried), or null
 * @param model          the upstream model that answered: the one priced
 * @param requestedModel the model name the client sent
 * @param errorKind      null on success
 * @param cost           {@link Cost#UNPRICED} when the model has no known price
 * @param latencyMs      request start to last byte, or null
 * @param ttfbMs         request start to first byte sent to the client, or null when none was
 * @param bodies         capped, redacted bodies when body logging is on for the key or project, else null
 */
public record UsageRecord(
        String requestId,
        String clientRequestId,
        Instant ts,
        String keyId,
        String keyName,
        String projectId,
        String provider,
        String model,
        String requestedModel,
        Endpoint endpoint,
        ClientFormat clientFormat,
        int status,
        ErrorKind errorKind,
        boolean stream,
        Usage usage,
        Cost cost,
        Long latencyMs,
        Long ttfbMs,
        int attempts,
        RequestBodies bodies) {

    public UsageRecord {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(ts, "ts");
        usage = usage == null ? Usage.NONE : usage;
        cost = cost == null ? Cost.UNPRICED : cost;
        if (attempts < 0) {
            throw new IllegalArgumentException("attempts must not be negative");
        }
    }

    /** Whether the provider's numbers were missing and the tokens were counted locally. */
    public boolean estimated() {
        return usage.estimated();
    }

    public UsageRecord withCost(Cost newCost) {
        return new UsageRecord(requestId, clientRequestId, ts, keyId, keyName, projectId, provider, model,
                requestedModel, endpoint, clientFormat, status, errorKind, stream, usage, newCost, latencyMs, ttfbMs,
                attempts, bodies);
    }

    public static Builder builder(String requestId, Instant ts) {
        return new Builder(requestId, ts);
    }

    /** Fills a record step by step, for pipeline code that learns the fields one at a time. */
    public static final class Builder {
        private final String requestId;
        private final Instant ts;
        private String clientRequestId;
        private String keyId;
        private String keyName;
        private String projectId;
        private String provider;
        private String model;
        private String requestedModel;
        private Endpoint endpoint;
        private ClientFormat clientFormat;
        private int status;
        private ErrorKind errorKind;
        private boolean stream;
        private Usage usage = Usage.NONE;
        private Cost cost = Cost.UNPRICED;
        private Long latencyMs;
        private Long ttfbMs;
        private int attempts;
        private RequestBodies bodies;

        private Builder(String requestId, Instant ts) {
            this.requestId = requestId;
            this.ts = ts;
        }

        public Builder clientRequestId(String id) {
            this.clientRequestId = id;
            return this;
        }

        public Builder key(String id, String name, String project) {
            this.keyId = id;
            this.keyName = name;
            this.projectId = project;
            return this;
        }

        public Builder route(String providerName, String upstreamModel, String clientModel) {
            this.provider = providerName;
            this.model = upstreamModel;
            this.requestedModel = clientModel;
            return this;
        }

        public Builder call(Endpoint e, ClientFormat format, boolean streamed) {
            this.endpoint = e;
            this.clientFormat = format;
            this.stream = streamed;
            return this;
        }

        public Builder outcome(int httpStatus, ErrorKind kind, int attemptCount) {
            this.status = httpStatus;
            this.errorKind = kind;
            this.attempts = attemptCount;
            return this;
        }

        public Builder billed(Usage tokens, Cost price) {
            this.usage = tokens;
            this.cost = price;
            return this;
        }

        public Builder timing(Long latency, Long ttfb) {
            this.latencyMs = latency;
            this.ttfbMs = ttfb;
            return this;
        }

        public Builder bodies(RequestBodies kept) {
            this.bodies = kept;
            return this;
        }

        public UsageRecord build() {
            return new UsageRecord(requestId, clientRequestId, ts, keyId, keyName, projectId, provider, model,
                    requestedModel, endpoint, clientFormat, status, errorKind, stream, usage, cost, latencyMs, ttfbMs,
                    attempts, bodies);
        }
    }
}
