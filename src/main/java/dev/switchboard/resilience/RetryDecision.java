package dev.switchboard.resilience;

import java.time.Duration;

/** What {@link RetryPolicy} advises after a retryable failure. */
public sealed interface RetryDecision {

    /**
     * Try again after {@code delay}. The delay is about the deployment that failed (its backoff or the wait
     * its server asked for); an attempt on a different deployment may go at once.
     *
     * @param serverDirected true when the delay came from the upstream (Retry-After or a reset header)
     */
    record Retry(Duration delay, boolean serverDirected) implements RetryDecision {}

    /**
     * The upstream asked for a longer wait than the policy allows: do not wait for it. Put the key or
     * deployment aside for {@code serverDelay} and try a different one now.
     */
    record MoveOn(Duration serverDelay) implements RetryDecision {}

    /** No attempts left. */
    record GiveUp() implements RetryDecision {}
}
