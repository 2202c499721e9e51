package dev.switchboard.server;

import dev.switchboard.model.Timeouts;
import dev.switchboard.provider.UpstreamFailure;
import io.vertx.core.Vertx;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * First-byte, idle and total deadlines of one upstream call on a single timer. Activity only writes a
 * timestamp; when the timer fires it checks which deadline really passed and re-arms for the nearest
 * remaining one, so a stream of many chunks costs no timer churn. Time spent paused because the
 * client is slow does not count as upstream idleness.
 */
final class UpstreamDeadlines {
    private final Vertx vertx;
    private final Timeouts timeouts;
    private final LongSupplier nanoTime;
    private final Consumer<UpstreamFailure> onExpired;
    private final long startNanos;
    private long lastActivityNanos;
    private boolean headersSeen;
    private boolean paused;
    private boolean done;
    private long timerId = -1;
    private long timerDueNanos;

    UpstreamDeadlines(Vertx vertx, Timeouts timeouts, LongSupplier nanoTime, Consumer<UpstreamFailure> onExpired) {
        this.vertx = vertx;
        this.timeouts = timeouts;
        this.nanoTime = nanoTime;
        this.onExpired = onExpired;
        this.startNanos = nanoTime.getAsLong();
        this.lastActivityNanos = startNanos;
        arm(Math.min(timeouts.firstByte().toNanos(), timeouts.total().toNanos()));
    }

    void headers() {
        headersSeen = true;
        lastActivityNanos = nanoTime.getAsLong();
        // the timer is still set for the first-byte deadline: an idle window shorter than what is left of
        // it would otherwise only be checked when that fires (a stall seen after first_byte, not idle)
        long idleDue = lastActivityNanos + timeouts.idle().toNanos();
        if (!done && timerId >= 0 && idleDue < timerDueNanos) {
            vertx.cancelTimer(timerId);
            arm(timeouts.idle().toNanos());
        }
    }

    void activity() {
        lastActivityNanos = nanoTime.getAsLong();
    }

    void paused(boolean value) {
        paused = value;
        lastActivityNanos = nanoTime.getAsLong();
    }

    void cancel() {
        done = true;
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
            timerId = -1;
        }
    }

    private void arm(long delayNanos) {
        timerDueNanos = nanoTime.getAsLong() + delayNanos;
        timerId = vertx.setTimer(Math.max(1, delayNanos / 1_000_000), id -> check());
    }

    private void check() {
        timerId = -1;
        if (done) {
            return;
        }
        long now = nanoTime.getAsLong();
        long totalLeft = startNanos + timeouts.total().toNanos() - now;
        if (totalLeft <= 0) {
            expire(UpstreamFailure.Kind.TOTAL_TIMEOUT, "total " + timeouts.total());
            return;
        }
        long window = headersSeen ? timeouts.idle().toNanos() : timeouts.firstByte().toNanos();
        long activityLeft = paused ? window : lastActivityNanos + window - now;
        if (activityLeft <= 0) {
            expire(headersSeen ? UpstreamFailure.Kind.IDLE_TIMEOUT : UpstreamFailure.Kind.FIRST_BYTE_TIMEOUT,
                    (headersSeen ? "idle " + timeouts.idle() : "first byte " + timeouts.firstByte()));
            return;
        }
        arm(Math.min(totalLeft, activityLeft));
    }

    private void expire(UpstreamFailure.Kind kind, String detail) {
        done = true;
        onExpired.accept(new UpstreamFailure(kind, detail));
    }
}
