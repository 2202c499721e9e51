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
 * @param writeAhead    every record is appended to the spool by {@code submit} itself (one write to the
 *                      OS page cache, no fsync) and the database is filled from the spool: a record
 *                      survives {@code kill -9} from the moment {@code submit} returns, at the price of
 *                      encoding and decoding each record once more and of a file write on the calling
 *                      thread (microseconds normally, but the OS can stall it for tens of milliseconds
 *                      when the disk is under write pressure: measured here on a loaded machine). Off
 *                      (the default): records wait in memory and reach the spool only when the database
 *                      is down or the queue is full, so {@code submit} never touches the disk.
 */
public record WriterSettings(
        int queueCapacity, int batchSize, Duration flushInterval, Duration retryInterval, Path spoolFile,
        boolean writeAhead) {

    public WriterSettings {
        if (queueCapacity < 1 || batchSize < 1) {
            throw new IllegalArgumentException("queue capacity and batch size must be positive");
        }
        Objects.requireNonNull(flushInterval, "flushInterval");
        Objects.requireNonNull(retryInterval, "retryInterval");
        Objects.requireNonNull(spoolFile, "spoolFile");
    }

    public WriterSettings(int queueCapacity, int batchSize, Duration flushInterval, Duration retryInterval,
            Path spoolFile) {
        this(queueCapacity, batchSize, flushInterval, retryInterval, spoolFile, false);
    }

    /** 10,000 queued, batches of 250, a flush every 500 ms, a retry every 2 s, no write-ahead. */
    public static WriterSettings defaults(Path spoolFile) {
        return new WriterSettings(10_000, 250, Duration.ofMillis(500), Duration.ofSeconds(2), spoolFile, false);
    }

    public WriterSettings withWriteAhead(boolean on) {
        return new WriterSettings(queueCapacity, batchSize, flushInterval, retryInterval, spoolFile, on);
    }
}
