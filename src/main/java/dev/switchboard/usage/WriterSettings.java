package dev.switchboard.usage;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Tuning of the {@link UsageWriter}.
 *
 * @param queueCapacity records held in memory; beyond it, submissions go straight to the spool file
 * @param batchSize     records per database batch; a full batch is written without waiting for the tick
 * @param flushInterval the longest a record waits in memory before its batch is written
 * @param retryInterval while the database is down, how often the writer tries it again
 * @param spoolFile     the local spool (one per gateway instance: it is locked while open)
 */
public record WriterSettings(
        int queueCapacity, int batchSize, Duration flushInterval, Duration retryInterval, Path spoolFile) {

    public WriterSettings {
        if (queueCapacity < 1 || batchSize < 1) {
            throw new IllegalArgumentException("queue capacity and batch size must be positive");
        }
        Objects.requireNonNull(flushInterval, "flushInterval");
        Objects.requireNonNull(retryInterval, "retryInterval");
        Objects.requireNonNull(spoolFile, "spoolFile");
    }

    /** 10,000 queued, batches of 250, a flush every 500 ms, a retry every 2 s. */
    public static WriterSettings defaults(Path spoolFile) {
        return new WriterSettings(10_000, 250, Duration.ofMillis(500), Duration.ofSeconds(2), spoolFile);
    }
}
