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
 * @param writeAhead    (the default) every record is appended to the spool by {@code submit} itself (one
 *                      write to the OS page cache, no fsync) and the database is filled from the spool: a
 *                      record survives {@code kill -9} from the moment {@code submit} returns, and the
 *                      gateway submits a request's record before the bytes that complete its answer, so
 *                      every answered request keeps its record through a crash of the process. The page
 *                      cache belongs to the kernel, so no per-record fsync is needed for that (an fsync
 *                      guards against a power loss, which costs milliseconds per call; the spool is synced
 *                      once per flush while the database is down). The price, measured by
 *                      {@code WriteAheadCost} on a loaded 2-core VM: about 3 µs to encode the record and
 *                      2-8 µs for the write on the calling thread (median 14 µs per submit under that load,
 *                      with rare stalls of milliseconds when the disk is under write pressure), plus a
 *                      decode on the writer thread. Off: records wait in memory and reach the spool only
 *                      when the database is down or the queue is full, so {@code submit} never touches the
 *                      disk, but a killed process loses what was queued (up to one flush interval).
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

    /** 10,000 queued, batches of 250, a flush every 500 ms, a retry every 2 s, write-ahead on. */
    public static WriterSettings defaults(Path spoolFile) {
        return new WriterSettings(10_000, 250, Duration.ofMillis(500), Duration.ofSeconds(2), spoolFile, true);
    }

    public WriterSettings withWriteAhead(boolean on) {
        return new WriterSettings(queueCapacity, batchSize, flushInterval, retryInterval, spoolFile, on);
    }
}
