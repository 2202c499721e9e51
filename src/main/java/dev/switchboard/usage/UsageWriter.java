package dev.switchboard.usage;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes usage records to the database in the background, in batches, without ever blocking the
 * request path on the database and without losing or doubling a record.
 *
 * <ul>
 *   <li>{@link #submit} only offers the record to a bounded in-memory queue. When the queue is full the
 *       record is appended to the spool file instead (never dropped).</li>
 *   <li>A batch is written when {@code batchSize} records are waiting or every {@code flushInterval},
 *       whichever comes first, on the scheduler's thread.</li>
 *   <li>When a batch fails (database down, timeout), it and everything queued go to the spool with an
 *       fsync per batch; while the database stays down new batches go to the spool too, and the writer
 *       tries the database again every {@code retryInterval}. Once a write succeeds the spool is
 *       replayed first, in file order, then the queue.</li>
 *   <li>Every insert is idempotent by request id, so a batch whose commit raced a failure, a replay cut
 *       short, or a spool replayed again after a crash is stored once.</li>
 *   <li>{@link #close()} writes what is queued (or spools it) and releases the spool.</li>
 * </ul>
 * With {@link WriterSettings#writeAhead() write-ahead} (the default) every record is in the spool (the
 * OS page cache) before {@code submit} returns, so a process killed with {@code kill -9} loses none
 * ({@code UsageJournal} keeps the in-memory queue in step with the file). Without it, the one window
 * this design leaves is records still in memory at such a kill (at most {@code flushInterval} worth).
 * A plain shutdown loses nothing either way.
 */
public final class UsageWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(UsageWriter.class);

    private final UsageSink sink;
    private final UsageJournal journal;
    private final WriterSettings settings;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final boolean ownsScheduler;
    /** Without write-ahead: records waiting in memory (with it, the journal queues them). */
    private final BlockingQueue<UsageRecord> queue;
    private final ReentrantLock flushLock = new ReentrantLock();
    private final AtomicBoolean flushPending = new AtomicBoolean();
    /** Write-ahead mode: records appended since the last replay, to trigger a batch early. */
    private final AtomicLong journaled = new AtomicLong();
    private final AtomicLong submitted = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile boolean databaseUp = true;
    private volatile boolean closed;
    private boolean spoolClosed; // guarded by flushLock
    private Instant retryAt = Instant.MIN; // guarded by flushLock
    private ScheduledFuture<?> ticker;

    /**
     * A writer on {@code scheduler} (not started: call {@link #start()}). Opens and locks the spool file;
     * records left in it by an earlier run are replayed by the first flush.
     */
    public UsageWriter(UsageSink sink, WriterSettings settings, Clock clock, ScheduledExecutorService scheduler) {
        this(sink, settings, clock, scheduler, false, new LinkedBlockingQueue<>(settings.queueCapacity()));
    }

    /** A writer whose memory queue (without write-ahead) is {@code queue}: tests interleave close() with it. */
    UsageWriter(UsageSink sink, WriterSettings settings, Clock clock, ScheduledExecutorService scheduler,
            BlockingQueue<UsageRecord> queue) {
        this(sink, settings, clock, scheduler, false, queue);
    }

    private UsageWriter(UsageSink sink, WriterSettings settings, Clock clock, ScheduledExecutorService scheduler,
            boolean ownsScheduler, BlockingQueue<UsageRecord> queue) {
        this.sink = sink;
        this.settings = settings;
        this.clock = clock;
        this.scheduler = scheduler;
        this.ownsScheduler = ownsScheduler;
        this.queue = queue;
        this.journal = new UsageJournal(settings.spoolFile(), settings.queueCapacity(), settings.batchSize());
    }

    /** A started writer with its own daemon thread ({@code usage-writer}), shut down by {@link #close()}. */
    public static UsageWriter start(UsageSink sink, WriterSettings settings, Clock clock) {
        ScheduledExecutorService own = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "usage-writer");
            t.setDaemon(true);
            return t;
        });
        UsageWriter writer = new UsageWriter(sink, settings, clock, own, true,
                new LinkedBlockingQueue<>(settings.queueCapacity()));
        writer.start();
        return writer;
    }

    /**
     * Schedules the periodic flush. A spool left from an earlier run is replayed right away; otherwise
     * the first flush comes one interval after start.
     */
    public synchronized void start() {
        if (ticker == null && !closed) {
            long every = Math.max(1, settings.flushInterval().toMillis());
            long first = journal.hasBacklog() ? 0 : every;
            ticker = scheduler.scheduleWithFixedDelay(this::flushQuietly, first, every, TimeUnit.MILLISECONDS);
        }
    }

    /** Hands a record over; never blocks on the database and never drops it. */
    public void submit(UsageRecord record) {
        submitted.incrementAndGet();
        if (settings.writeAhead()) {
            if (journal.append(record) && journaled.incrementAndGet() >= settings.batchSize()) {
                requestFlush();
            }
            return;
        }
        if (!closed && queue.offer(record)) {
            if (closed && queue.remove(record)) {
                // close() came between the check and the offer and may have drained the queue already; no
                // lock on this path, so whoever takes the record out (close's drain or this) handles it
                journal.spill(record);
            } else if (queue.size() >= settings.batchSize()) {
                requestFlush();
            }
            return;
        }
        // Queue full (or writer closed): the record goes to disk now and is replayed by a later flush.
        journal.spill(record);
    }

    private void requestFlush() {
        if (flushPending.compareAndSet(false, true)) {
            try {
                scheduler.execute(this::flushQuietly);
            } catch (RuntimeException rejected) {
                flushPending.set(false); // shutting down: close() drains what is left
            }
        }
    }

    /** Writes (or spools) everything queued now, on the calling thread. */
    public void flush() {
        flushLock.lock();
        try {
            flushPending.set(false);
            if (spoolClosed) {
                return; // a flush queued before close(), which drained everything already
            }
            drain();
        } finally {
            flushLock.unlock();
        }
    }

    /**
     * The scheduler's flush. It catches Errors too: a periodic task that throws is never run again,
     * silently, and a quiet writer has no other flush until close.
     */
    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException | Error e) {
            LOG.error("usage flush failed", e);
        }
    }

    private void drain() {
        syncOverflow();
        if (!databaseUp && clock.instant().isBefore(retryAt)) {
            spoolQueue();
            return;
        }
        journaled.set(0);
        if (settings.writeAhead()) {
            drainJournal();
            return;
        }
        if (!replaySpool(Long.MAX_VALUE)) {
            spoolQueue();
            return;
        }
        for (List<UsageRecord> batch = takeQueued(); !batch.isEmpty(); batch = takeQueued()) {
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
            databaseIsDown(e);
            return false;
        }
        written.addAndGet(batch.size());
        databaseIsUp();
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
            return !settings.writeAhead();
        }
        if (!r.complete()) {
            databaseIsDown(r.failure());
            return false;
        }
        if (r.replayed() > 0) {
            databaseIsUp();
            if (!settings.writeAhead()) {
                LOG.info("usage spool: replayed {} record(s) into the database", r.replayed());
            }
        }
        return true;
    }

    /** Without write-ahead: up to a batch of queued records, oldest first. */
    private List<UsageRecord> takeQueued() {
        List<UsageRecord> batch = new ArrayList<>(settings.batchSize());
        queue.drainTo(batch, settings.batchSize());
        return batch;
    }

    /** Without write-ahead: the queue goes to the spool (with it, every record is there already). */
    private void spoolQueue() {
        for (List<UsageRecord> batch = takeQueued(); !batch.isEmpty(); batch = takeQueued()) {
            journal.spill(batch);
        }
    }

    /**
     * Forces records that request threads appended to disk. In write-ahead mode with the database up
     * this is skipped: they are replayed within a tick, the page cache already keeps them across a
     * process kill, and an fsync per tick would stall every appending request thread behind it.
     */
    private void syncOverflow() {
        if (!(settings.writeAhead() && databaseUp)) {
            journal.sync();
        }
    }

    private void databaseIsDown(Exception cause) {
        failed.incrementAndGet();
        retryAt = clock.instant().plus(settings.retryInterval());
        if (databaseUp) {
            databaseUp = false;
            LOG.warn("usage database unreachable, spooling to {} until it returns: {}", journal.file(),
                    cause == null ? "unknown" : cause.toString());
        }
    }

    private void databaseIsUp() {
        if (!databaseUp) {
            databaseUp = true;
            LOG.info("usage database reachable again");
        }
    }

    public WriterStats stats() {
        int queued = settings.writeAhead() ? journal.queued() : queue.size();
        return new WriterStats(queued, submitted.get(), written.get(), journal.spooled(), journal.replayed(),
                failed.get(), journal.corrupt(), journal.lost(), journal.pendingBytes(), databaseUp);
    }

    /**
     * Stops the periodic flush, replays the spool and writes what is queued (spooling it if the
     * database does not take it), and releases the spool. A spool left behind is replayed by the next start.
     * A record submitted once the spool is released cannot be kept anywhere: it is counted lost, and logged.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            journal.closeQueue();
            if (ticker != null) {
                ticker.cancel(false);
            }
        }
        flushLock.lock();
        try {
            drain();
            spoolClosed = true;
            journal.close();
        } catch (IOException e) {
            LOG.error("usage spool {} did not close cleanly: {}", journal.file(), e.toString());
        } finally {
            flushLock.unlock();
        }
        if (ownsScheduler) {
            scheduler.shutdown();
        }
    }
}
