package dev.switchboard.pipeline;

import dev.switchboard.model.Endpoint;
import java.time.Instant;

/** Facts about a request fixed once it is authenticated. */
record RequestFacts(String requestId, Instant startedAt, long startNanos, Principal principal, Endpoint endpoint) {}
