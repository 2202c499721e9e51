package dev.switchboard.usage;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;

/**
 * Without write-ahead: the records waiting in memory for their batch, bounded. A record the queue
 * does not take (full, or the writer closing) is the caller's to spool.
 *
 * <p>{@link #offer} takes no lock beyond the queue's own, so {@link #close} can come between its check
 * and its offer and drain the queue before the record is in it: the record would sit there for good,
 * counted nowhere. So the offer checks again after queueing and, once closed, takes the record back
 * out. Whichever takes it out (the closing drain, or the offer) handles it; both see it, since the
 * check, the queue's count and the close are all volatile.
 */
final class MemoryQueue {
    private final BlockingQueue<UsageRecord> queue;
    private volatile boolean closed;

    MemoryQueue(BlockingQueue<UsageRecord> queue) {
        this.queue = queue;
    }

    /** Queues {@code record}; false when the queue is full or closed, and the record was not queued. */
    boolean offer(UsageRecord record) {
        if (closed || !queue.offer(record)) {
            return false;
        }
        return !(closed && queue.remove(record));
    }

    /** Up to {@code max} queued records, oldest first; empty when none are queued. */
    List<UsageRecord> take(int max) {
        List<UsageRecord> batch = new ArrayList<>(max);
        queue.drainTo(batch, max);
        return batch;
    }

    int size() {
        return queue.size();
    }

    /** Nothing is queued from now on; what is queued is the closing drain's to take. */
    void close() {
        closed = true;
    }
}
