package dev.switchboard.usage;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one flush of the {@link UsageWriter} does: replays the spool, writes what is queued in batches,
 * and spools what the database does not take. When to flush is the writer's business; one flush runs
 * at a time (the writer's flush lock).
 *
 * <p>With write-ahead every record is in the spool already and the journal's queue holds them too:
 * see {@link UsageJournal}. Without it, records wait in the {@link MemoryQueue} and reach the spool
 * only when the database does not take them.
 */
final class UsageDrain {
    private static final Logger LOG = LoggerFactory.getLogger(UsageDrain.class);

    private final UsageSink sink;
    private final UsageJournal journal;
    private final MemoryQueue memory;
    private final DatabaseState database;
    private final boolean writeAhead;
    private final int batchSize;
    private final AtomicLong written = new AtomicLong();
    /** Write-ahead: records journaled since the last drain that tried the database. */
    private final AtomicLong journaled = new AtomicLong();

    UsageDrain(UsageSink sink, UsageJournal journal, MemoryQueue memory, DatabaseState database,
            WriterSettings settings) {
        this.sink = sink;
        this.journal = journal;
        this.memory = memory;
        this.database = database;
        this.writeAhead = settings.writeAhead();
        this.batchSize = settings.batchSize();
    }

    /** Write-ahead: one more record was journaled; true once a batch of them waits, to drain early. */
    boolean batchDue() {
        return journaled.incrementAndGet() >= batchSize;
    }

    /** Writes (or spools) everything queued now. */
    void drain() {
        syncOverflow();
        if (database.resting()) {
            spoolQueue();
            return;
        }
        journaled.set(0);
        if (writeAhead) {
            drainJournal();
            return;
        }
        if (!replaySpool(Long.MAX_VALUE)) {
            spoolQueue();
            return;
        }
        for (List<UsageRecord> batch = memory.take(batchSize); !batch.isEmpty(); batch = memory.take(batchSize)) {
            if (!storeOrSpill(batch)) {
                spoolQueue();
                return;
            }
        }
    }

    /** Without write-ahead a taken batch exists only here: however its write ends short, it is spooled. */
    private boolean storeOrSpill(List<UsageRecord> batch) {
        boolean stored = false;
        try {
            stored = store(batch);
        } finally {
            if (!stored) {
                journal.spill(batch);
            }
        }
        return stored;
    }

    /**
     * Write-ahead: every record is in the spool already. Catch up from the spool if it is ahead of the
     * queue, else write the queue and acknowledge the spool through each batch written. A drain that
     * does not finish, however it ends, leaves the spool ahead: acknowledging a later batch would
     * otherwise skip lines that neither the queue nor the database has.
     */
    private void drainJournal() {
        boolean finished = false;
        try {
            finished = catchUpAndWriteQueue();
        } finally {
            if (!finished) {
                journal.stopQueueing();
            }
        }
    }

    private boolean catchUpAndWriteQueue() {
        long upTo = journal.catchUpTo();
        if (upTo >= 0) {
            if (!replaySpool(upTo)) {
                return false;
            }
            journal.caughtUp(upTo);
        }
        for (UsageJournal.Batch batch = journal.take(); !batch.isEmpty(); batch = journal.take()) {
            if (!store(batch.records())) {
                return false;
            }
            journal.acknowledge(batch);
        }
        journal.tidy();
        return true;
    }

    /** Writes one batch; false (the database counts as down) when the database may not have stored it. */
    private boolean store(List<UsageRecord> batch) {
        try {
            sink.write(batch);
        } catch (Exception e) {
            database.failed(e);
            return false;
        }
        written.addAndGet(batch.size());
        database.succeeded();
        return true;
    }

    /**
     * Replays the spool up to logical {@code upTo}; false when the database failed during it, or with
     * write-ahead when the spool could not be read: there the queue must not be written past the lines
     * the replay missed. Without write-ahead the queue goes on, the spool waits for the next try.
     */
    private boolean replaySpool(long upTo) {
        UsageSpool.Replay r;
        try {
            r = journal.replay(upTo, sink);
        } catch (IOException e) {
            LOG.error("usage spool {} could not be read; it stays for the next try: {}", journal.file(), e.toString());
            return !writeAhead;
        }
        if (!r.complete()) {
            database.failed(r.failure());
            return false;
        }
        if (r.replayed() > 0) {
            database.succeeded();
            if (!writeAhead) {
                LOG.info("usage spool: replayed {} record(s) into the database", r.replayed());
            }
        }
        return true;
    }

    /** Without write-ahead: the queue goes to the spool (with it, every record is there already). */
    private void spoolQueue() {
        for (List<UsageRecord> batch = memory.take(batchSize); !batch.isEmpty(); batch = memory.take(batchSize)) {
            journal.spill(batch);
        }
    }

    /**
     * Forces records that request threads appended to disk. In write-ahead mode with the database up
     * this is skipped: they are replayed within a tick, the page cache already keeps them across a
     * process kill, and an fsync per tick would stall every appending request thread behind it.
     */
    private void syncOverflow() {
        if (!(writeAhead && database.up())) {
            journal.sync();
        }
    }

    /** Records the database has taken from this drain (a replay's are counted by the journal). */
    long written() {
        return written.get();
    }
}
