package dev.switchboard.usage;

/**
 * Counters of a {@link UsageWriter}, for metrics. All but {@code queued}, {@code spoolBytes} and
 * {@code databaseUp} only grow.
 *
 * @param queued     records waiting in memory now
 * @param submitted  records handed to {@code submit}
 * @param written    records the database acknowledged straight from the queue
 * @param spooled    records appended to the spool file (database down, queue full, or shutdown)
 * @param replayed   spooled records the database later acknowledged
 * @param failed     batch writes the database refused or did not answer
 * @param corrupt    spool lines that could not be read back (a torn last line after a crash)
 * @param lost       records neither stored nor spooled (the spool itself failed); always logged
 * @param spoolBytes bytes in the spool waiting for replay
 */
public record WriterStats(
        long queued, long submitted, long written, long spooled, long replayed, long failed, long corrupt, long lost,
        long spoolBytes, boolean databaseUp) {}
