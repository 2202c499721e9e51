package dev.switchboard.usage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link UsageWriter}'s spool as the writer uses it: what goes to disk, what comes back from it, and
 * with write-ahead how the in-memory queue keeps step with the file. It counts the records spooled,
 * replayed, unreadable and lost; when to write, and what a failed write means, is the writer's business.
 *
 * <p>Write-ahead: {@link #append} puts every record's line in the spool (the OS page cache) and, under
 * the same lock, queues the record with the spool position after its line, so queue order is file
 * order. While the database keeps up, batches are {@link #take taken} from the queue and the spool is
 * only {@link #acknowledge acknowledged} through them (reading back and decoding every line cost the
 * writer more than the insert). Once a record could not be queued (queue full, writer closing) or a
 * write failed ({@link #stopQueueing}), the spool is ahead of the queue: records are no longer queued,
 * and the next drain replays the spool from the last acknowledged line ({@link #catchUpTo}); queueing
 * resumes from the position that replay reads up to.
 *
 * <p>Without write-ahead, records reach the spool only when the queue is full or the database down
 * ({@link #spill}) and come back by {@link #replay}.
 */
final class UsageJournal {
    private static final Logger LOG = LoggerFactory.getLogger(UsageJournal.class);
    /** The acknowledged head of the spool is cut off once it is this large. */
    private static final long COMPACT_BYTES = 8L << 20;
    private static final UsageSpool.Replay NOTHING = new UsageSpool.Replay(0, 0, null);

    /** Queued records, oldest first, and the spool position to acknowledge once the database has them. */
    record Batch(List<UsageRecord> records, long spoolEnd) {
        boolean isEmpty() {
            return records.isEmpty();
        }
    }

    /** A queued record and the spool position after its line. */
    private record Entry(UsageRecord record, long spoolEnd) {}

    private final UsageSpool spool;
    private final int batchSize;
    private final BlockingQueue<Entry> queue;
    /** A spool append and its queue entry happen together, so queue order is spool order. */
    private final Object lock = new Object();
    /**
     * Lines in the spool that are not in the queue (queue full, a failed write, or left by an earlier
     * run); appends stop queueing until a replay has caught up. Guarded by {@code lock}.
     */
    private boolean spoolAhead;
    /** The writer is closing: nothing is queued any more. Guarded by {@code lock}. */
    private boolean queueClosed;
    private final AtomicBoolean unsynced = new AtomicBoolean();
    private final AtomicLong spooled = new AtomicLong();
    private final AtomicLong replayed = new AtomicLong();
    private final AtomicLong corrupt = new AtomicLong();
    private final AtomicLong lost = new AtomicLong();

    /** Opens and locks the spool file; lines left in it by an earlier run count as ahead of the queue. */
    UsageJournal(Path file, int queueCapacity, int batchSize) {
        try {
            this.spool = new UsageSpool(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the usage spool " + file, e);
        }
        this.batchSize = batchSize;
        this.queue = new LinkedBlockingQueue<>(queueCapacity);
        this.spoolAhead = hasBacklog();
    }

    /** Whether the spool holds lines the database has not acknowledged (true when that cannot be told). */
    boolean hasBacklog() {
        try {
            return spool.pendingBytes() > 0;
        } catch (IOException e) {
            return true;
        }
    }

    /** Write-ahead: the record's line goes to the spool and, with its position, to the queue. */
    boolean append(UsageRecord record) {
        return spoolSafely(record, () -> {
            byte[] line = SpoolCodec.line(record);
            synchronized (lock) {
                long end = spool.appendLine(line);
                if (!spoolAhead && (queueClosed || !queue.offer(new Entry(record, end)))) {
                    spoolAhead = true;
                }
            }
        });
    }

    /** Without write-ahead: a record the queue could not take goes to the spool, synced by {@link #sync}. */
    boolean spill(UsageRecord record) {
        return spoolSafely(record, () -> spool.append(List.of(record), false));
    }

    /** Records the database did not take, on disk when this returns. */
    void spill(List<UsageRecord> batch) {
        try {
            spool.append(batch, true);
            spooled.addAndGet(batch.size());
        } catch (IOException | RuntimeException e) {
            lost.addAndGet(batch.size());
            LOG.error("{} usage record(s) could not be spooled to {} and are lost: {}", batch.size(), spool.file(),
                    e.toString());
        }
    }

    @FunctionalInterface
    private interface SpoolWrite {
        void run() throws IOException;
    }

    /** Counts the record spooled, or lost (and says so) when it could not be. */
    private boolean spoolSafely(UsageRecord record, SpoolWrite write) {
        try {
            write.run();
            unsynced.set(true);
            spooled.incrementAndGet();
            return true;
        } catch (IOException | RuntimeException e) {
            lost.incrementAndGet();
            LOG.error("usage record {} could neither be queued nor spooled: {}", record.requestId(), e.toString());
            return false;
        }
    }

    /** Forces lines appended by {@link #append} or {@link #spill(UsageRecord)} since the last call to disk. */
    void sync() {
        if (unsynced.getAndSet(false)) {
            try {
                spool.sync();
            } catch (IOException e) {
                LOG.error("usage spool {} could not be synced: {}", spool.file(), e.toString());
            }
        }
    }

    /**
     * Hands the spool's lines through logical position {@code upTo} to {@code sink} in file order, and
     * cuts off the acknowledged head of the file once a pass completed. Throws when the spool could not
     * be read.
     */
    UsageSpool.Replay replay(long upTo, UsageSink sink) throws IOException {
        if (spool.pendingBytes() == 0) {
            return NOTHING;
        }
        UsageSpool.Replay r = spool.replay(batchSize, sink::write, upTo);
        replayed.addAndGet(r.replayed());
        if (r.corrupt() > 0) {
            corrupt.addAndGet(r.corrupt());
            LOG.warn("usage spool {}: skipped {} unreadable line(s) (a torn write from a crash)", spool.file(),
                    r.corrupt());
        }
        if (r.complete()) {
            try {
                spool.compact(COMPACT_BYTES);
            } catch (IOException e) {
                LOG.error("usage spool {} could not be compacted: {}", spool.file(), e.toString());
            }
        }
        return r;
    }

    /**
     * Write-ahead: the position a catch-up must replay the spool through, or -1 when the queue holds
     * every unacknowledged line. Records appended after that position are queued again from now on.
     */
    long catchUpTo() {
        synchronized (lock) {
            if (!spoolAhead) {
                return -1;
            }
            spoolAhead = false;
            return spool.end();
        }
    }

    /** The database has the spool through {@code upTo}: queue entries up to there are done. */
    void caughtUp(long upTo) {
        queue.removeIf(e -> e.spoolEnd() <= upTo);
    }

    /** Up to a batch of queued records, oldest first; empty when none are queued. */
    Batch take() {
        List<Entry> entries = new ArrayList<>(batchSize);
        queue.drainTo(entries, batchSize);
        List<UsageRecord> records = new ArrayList<>(entries.size());
        for (Entry e : entries) {
            records.add(e.record());
        }
        return new Batch(records, entries.isEmpty() ? -1 : entries.getLast().spoolEnd());
    }

    /** The database has {@code batch}, and with it every line before it. */
    void acknowledge(Batch batch) {
        spool.acknowledge(batch.spoolEnd());
    }

    /** Empties the spool when everything in it is acknowledged, else cuts off a large acknowledged head. */
    void tidy() {
        try {
            spool.trim();
            spool.compact(COMPACT_BYTES);
        } catch (IOException e) {
            LOG.error("usage spool {} could not be trimmed: {}", spool.file(), e.toString());
        }
    }

    /** A write failed: what is queued is in the spool too, and the next drain replays it from there. */
    void stopQueueing() {
        synchronized (lock) {
            spoolAhead = true;
            queue.clear();
        }
    }

    /** The writer is closing: later appends only reach the spool (the next start replays them). */
    void closeQueue() {
        synchronized (lock) {
            queueClosed = true;
        }
    }

    int queued() {
        return queue.size();
    }

    /** Bytes waiting for replay, or -1 when that cannot be told. */
    long pendingBytes() {
        try {
            return spool.pendingBytes();
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    long spooled() {
        return spooled.get();
    }

    long replayed() {
        return replayed.get();
    }

    long corrupt() {
        return corrupt.get();
    }

    long lost() {
        return lost.get();
    }

    Path file() {
        return spool.file();
    }

    /** Forces the spool to disk and releases it. */
    void close() throws IOException {
        spool.close();
    }
}
