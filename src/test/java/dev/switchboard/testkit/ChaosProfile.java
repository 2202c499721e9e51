package dev.switchboard.testkit;

import java.time.Duration;

/**
 * Random faults for requests without a scripted one: each probability is drawn once per request, in
 * this order, and a request that draws none is answered normally. Every request, faulty or not, first
 * waits a uniform random latency in [0, maxLatency]. Mid-stream faults apply to streamed answers
 * only and cut them after 1 to 3 events, so the headers and some data have gone out first.
 *
 * @param status503 answers 503
 * @param status429 answers 429 with {@code Retry-After: 1}
 * @param slowHeaders answers only after {@code slowHeadersDelay} (meant to exceed the first-byte timeout)
 * @param resetBeforeHeaders closes the connection before any byte of the answer
 * @param resetMidStream resets the connection after a few events of a stream
 * @param stallMidStream stops sending after a few events of a stream, leaving it open
 */
public record ChaosProfile(long seed, double status503, double status429, double slowHeaders,
        double resetBeforeHeaders, double resetMidStream, double stallMidStream,
        Duration maxLatency, Duration slowHeadersDelay) {
    public ChaosProfile {
        double sum = status503 + status429 + slowHeaders + resetBeforeHeaders + resetMidStream + stallMidStream;
        if (sum > 1 || status503 < 0 || status429 < 0 || slowHeaders < 0 || resetBeforeHeaders < 0
                || resetMidStream < 0 || stallMidStream < 0) {
            throw new IllegalArgumentException("fault probabilities must be >= 0 and sum to <= 1");
        }
    }

    /** No faults, only random latency. */
    public static ChaosProfile healthy(long seed, Duration maxLatency) {
        return new ChaosProfile(seed, 0, 0, 0, 0, 0, 0, maxLatency, Duration.ZERO);
    }
}
