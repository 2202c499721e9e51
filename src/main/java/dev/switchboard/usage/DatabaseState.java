package dev.switchboard.usage;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the usage database takes writes, as the writer last saw it. After a failed write the writer
 * leaves the database alone for {@code retryInterval} and spools meanwhile; the first write that
 * succeeds afterwards ends the outage. An outage is logged once when it starts and once when it ends,
 * not once per batch.
 */
final class DatabaseState {
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseState.class);

    private final Clock clock;
    private final Duration retryInterval;
    /** Named in the log: where records go during an outage. */
    private final Path spoolFile;
    private final AtomicLong failures = new AtomicLong();
    private volatile boolean up = true;
    private volatile Instant retryAt = Instant.MIN;

    DatabaseState(Clock clock, Duration retryInterval, Path spoolFile) {
        this.clock = clock;
        this.retryInterval = retryInterval;
        this.spoolFile = spoolFile;
    }

    boolean up() {
        return up;
    }

    /** Down, and the next try is not due yet: batches go straight to the spool. */
    boolean resting() {
        return !up && clock.instant().isBefore(retryAt);
    }

    /** A write failed ({@code cause}, when known): the database is down until a later write succeeds. */
    void failed(Exception cause) {
        failures.incrementAndGet();
        retryAt = clock.instant().plus(retryInterval);
        if (up) {
            up = false;
            LOG.warn("usage database unreachable, spooling to {} until it returns: {}", spoolFile,
                    cause == null ? "unknown" : cause.toString());
        }
    }

    /** A write succeeded. */
    void succeeded() {
        if (!up) {
            up = true;
            LOG.info("usage database reachable again");
        }
    }

    /** Writes that failed since the start. */
    long failures() {
        return failures.get();
    }
}
