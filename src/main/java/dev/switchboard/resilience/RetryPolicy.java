package dev.switchboard.resilience;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * How many times a request is tried and how long to wait between tries. Pure: the caller says how many
 * attempts were made and what the server asked for; the random source is passed in so tests are exact.
 *
 * <p>Only retryable failures come here (connect errors, timeouts, 5xx, 408, 429, 529, and only before the
 * first byte reached the client). Each retry should also pass the provider's {@link RetryBudget}.
 *
 * @param maxAttempts attempts in total, the first one included (1 = never retry)
 * @param backoff wait between attempts when the server did not say
 * @param maxServerDelay the longest server-requested wait that is honoured; a longer Retry-After means
 *     "this one is out for a while", so the caller moves on instead of holding the client
 */
public record RetryPolicy(int maxAttempts, Backoff backoff, Duration maxServerDelay) {

    private static final RetryPolicy DEFAULTS =
            new RetryPolicy(3, new Backoff(Duration.ofMillis(200), Duration.ofSeconds(5)), Duration.ofSeconds(10));

    public RetryPolicy {
        Objects.requireNonNull(backoff, "backoff");
        Objects.requireNonNull(maxServerDelay, "maxServerDelay");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        if (maxServerDelay.isNegative()) {
            throw new IllegalArgumentException("maxServerDelay must not be negative");
        }
    }

    /** 3 attempts; backoff 200 ms doubling to 5 s with full jitter; server delays honoured up to 10 s. */
    public static RetryPolicy defaults() {
        return DEFAULTS;
    }

    /**
     * @param attemptsMade attempts already made, the one that just failed included (≥ 1)
     * @param serverDelay what the upstream asked for, from {@link ServerDelay#from}; empty when it did not say
     */
    public RetryDecision afterFailure(int attemptsMade, Optional<Duration> serverDelay, RandomGenerator random) {
        if (attemptsMade < 1) {
            throw new IllegalArgumentException("attemptsMade is at least 1 after a failure, was " + attemptsMade);
        }
        if (attemptsMade >= maxAttempts) {
            return new RetryDecision.GiveUp();
        }
        if (serverDelay.isPresent()) {
            Duration asked = serverDelay.get().isNegative() ? Duration.ZERO : serverDelay.get();
            return asked.compareTo(maxServerDelay) > 0
                    ? new RetryDecision.MoveOn(asked)
                    : new RetryDecision.Retry(asked, true);
        }
        return new RetryDecision.Retry(backoff.delay(attemptsMade, random), false);
    }
}
