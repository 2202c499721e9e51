package dev.switchboard.pipeline;

import java.time.Duration;

/**
 * Runs a task later on the calling request's own thread, so a retry after a backoff needs no locks.
 * The server implements it with its event loop's timers.
 */
@FunctionalInterface
public interface Scheduler {
    void schedule(Duration delay, Runnable task);
}
