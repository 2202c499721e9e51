package dev.switchboard.pipeline;

import dev.switchboard.model.Endpoint;
import java.time.Instant;

/** Facts about a request fixed once it is authenticated. */
record RequestFacts(RequestId id, Instant startedAt, long startNanos, Principal principal, Endpoint endpoint) {

    /** The gateway's own id: the usage record's key. */
    String requestId() {
        return id.own();
    }

    /** The client's sane {@code X-Request-ID}, or null. */
    String clientRequestId() {
        return id.client();
    }
}
