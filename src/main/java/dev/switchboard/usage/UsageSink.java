package dev.switchboard.usage;

import java.util.List;

/** Where the writer puts batches: the database in production ({@link StoreUsageSink}). */
@FunctionalInterface
public interface UsageSink {
    /**
     * Stores a batch atomically and idempotently (a request id stored before is skipped); throws when
     * the batch may not have been stored, so the writer spools it.
     */
    void write(List<UsageRecord> batch) throws Exception;
}
