package dev.switchboard.usage;

import java.io.IOException;
import java.io.UncheckedIOException;
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
 * OS page cache) before {@code submit} returns, so a process killed with {@code kill -9} loses none.
 * The record is queued in memory as well, with the spool position after its line: while the database
 * keeps up, batches are written from memory and the spool is only acknowledged (reading back and
 * decoding every line cost the writer more than the insert). Once a record could not be queued, or a
 * write failed, queueing stops and the spool is replayed from the last acknowledged line; queueing
 * resumes from the position that replay reads up to.
 * Without it, the one window this design leaves is records still in memory at such a kill (at most
 * {@code flushInterval} worth). A plain shutdown loses nothing either way.
 */
public final class UsageWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(UsageWriter.class);
    /** The acknowledged head of the spool is cut off once it is this large. */
    private static final long COMPACT_BYTES = 8L << 20;

    private final UsageSink sink;
    private final UsageSpool spool;
    private final WriterSettings settings;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final boolean ownsScheduler;
    private final BlockingQueue<Pending> queue;
    /** Write-ahead: a spool append and its queue entry happen together, so queue order is spool order. */
    private final Object journal = new Object();
    /**
     * Write-ahead: lines in the spool that are not in the queue (queue full, a failed write, or left by
     * an earlier run); submissions stop queueing until a replay has caught up. Guarded by {@code journal}.
     */
    private boolean spoolAhead;
    private final ReentrantLock flushLock = new ReentrantLock();
    private final AtomicBoolean flushPending = new AtomicBoolean();
    private final AtomicBoolean overflowUnsynced = new AtomicBoolean();
    /** Write-ahead mode: records appended since the last replay, to trigger a batch early. */
    private final AtomicLong journaled = new AtomicLong();
    private final AtomicLong submitted = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong spooled = new AtomicLong();
    private final AtomicLong replayed = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong corrupt = new AtomicLong();
    private final AtomicLong lost = new AtomicLong();
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
        this(sink, settings, clock, scheduler, false);
    }

    private UsageWriter(UsageSink sink, WriterSettings settings, Clock clock, ScheduledExecutorService scheduler,
            boolean ownsScheduler) {
        this.sink = sink;
        this.settings = settings;
        this.clock = clock;
        this.scheduler = scheduler;
        this.ownsScheduler = ownsScheduler;
        this.queue = new LinkedBlockingQueue<>(settings.queueCapacity());
        try {
            this.spool = new UsageSpool(settings.spoolFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the usage spool " + settings.spoolFile(), e);
        }
        this.spoolAhead = leftoverSpool();
    }

    /** A queued record; {@code spoolEnd} is the spool position after its line, or -1 when it has none. */
    private record Pending(UsageRecord record, long spoolEnd) {}

    /** A started writer with its own daemon thread ({@code usage-writer}), shut down by {@link #close()}. */
    public static UsageWriter start(UsageSink sink, WriterSettings settings, Clock clock) {
        ScheduledExecutorService own = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "usage-writer");
            t.setDaemon(true);
            return t;
        });
        UsageWriter writer = new UsageWriter(sink, settings, clock, own, true);
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
            long first = leftoverSpool() ? 0 : every;
            ticker = scheduler.scheduleWithFixedDelay(this::flushQuietly, first, every, TimeUnit.MILLISECONDS);
        }
    }

    private boolean leftoverSpool() {
        try {
            return spool.pendingBytes() > 0;
        } catch (IOException e) {
            return true;
        }
    }

    /** Hands a record over; never blocks on the database and never drops it. */
    public void submit(UsageRecord record) {
        submitted.incrementAndGet();
        if (settings.writeAhead()) {
            if (journal(record) && journaled.incrementAndGet() >= settings.batchSize()) {
                requestFlush();
            }
            return;
        }
        if (!closed && queue.offer(new Pending(record, -1))) {
            if (queue.size() >= settings.batchSize()) {
                requestFlush();
            }
            return;
        }
        // Queue full (or writer closed): the record goes to disk now and is replayed by a later flush.
        toSpool(record);
    }

    /** Write-ahead: the record's line goes to the spool and, with its position, to the queue. */
    private boolean journal(UsageRecord record) {
        return spoolSafely(record, () -> {
            byte[] line = SpoolCodec.line(record);
            synchronized (journal) {
                long end = spool.appendLine(line);
                if (!spoolAhead && (closed || !queue.offer(new Pending(record, end)))) {
                    spoolAhead = true;
                }
            }
        });
    }

    private boolean toSpool(UsageRecord record) {
        return spoolSafely(record, () -> spool.append(List.of(record), false));
    }

    @FunctionalInterface
    private interface SpoolWrite {
        void run() throws IOException;
    }

    /** Counts the record spooled, or lost (and says so) when it could not be. */
    private boolean spoolSafely(UsageRecord record, SpoolWrite write) {
        try {
            write.run();
            overflowUnsynced.set(true);
            spooled.incrementAndGet();
            return true;
        } catch (IOException | RuntimeException e) {
            lost.incrementAndGet();
            LOG.error("usage record {} could neither be queued nor spooled: {}", record.requestId(), e.toString());
            return false;
        }
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

    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
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
        List<Pending> batch = new ArrayList<>(settings.batchSize());
        while (queue.drainTo(batch, settings.batchSize()) > 0) {
            List<UsageRecord> records = records(batch);
            try {
                sink.write(records);
                written.addAndGet(records.size());
                databaseIsUp();
            } catch (Exception e) {
                databaseIsDown(e);
                spoolBatch(records);
                spoolQueue();
                return;
            }
            batch.clear();
        }
    }

    /**
     * Write-ahead: every record is in the spool already. Catch up from the spool if it is ahead of the
     * queue, else write the queue and acknowledge the spool through each batch written.
     */
    private void drainJournal() {
        boolean ahead;
        long upTo = -1;
        synchronized (journal) {
            ahead = spoolAhead;
            if (ahead) {
                // what the replay reads up to; everything after it is queued from now on
                upTo = spool.end();
                spoolAhead = false;
            }
        }
        if (ahead) {
            if (!replaySpool(upTo)) {
                stopQueueing();
                return;
            }
            long replayed = upTo;
            queue.removeIf(p -> p.spoolEnd() <= replayed);
        }
        List<Pending> batch = new ArrayList<>(settings.batchSize());
        while (queue.drainTo(batch, settings.batchSize()) > 0) {
            try {
                sink.write(records(batch));
                written.addAndGet(batch.size());
                databaseIsUp();
            } catch (Exception e) {
                databaseIsDown(e);
                stopQueueing();
                return;
            }
            spool.acknowledge(batch.getLast().spoolEnd());
            batch.clear();
        }
        try {
            spool.trim();
            spool.compact(COMPACT_BYTES);
        } catch (IOException e) {
            LOG.error("usage spool {} could not be trimmed: {}", spool.file(), e.toString());
        }
    }

    /** The database failed: what is queued is in the spool too, and the next drain replays it from there. */
    private void stopQueueing() {
        synchronized (journal) {
            spoolAhead = true;
            queue.clear();
        }
    }

    private static List<UsageRecord> records(List<Pending> batch) {
        List<UsageRecord> records = new ArrayList<>(batch.size());
        for (Pending p : batch) {
            records.add(p.record());
        }
        return records;
    }

    /** Replays the spool up to logical {@code upTo}; false when the database failed during it. */
    private boolean replaySpool(long upTo) {
        try {
            if (spool.pendingBytes() == 0) {
                return true;
            }
            UsageSpool.Replay r = spool.replay(settings.batchSize(), sink::write, upTo);
            replayed.addAndGet(r.replayed());
            if (r.corrupt() > 0) {
                corrupt.addAndGet(r.corrupt());
                LOG.warn("usage spool {}: skipped {} unreadable line(s) (a torn write from a crash)", spool.file(),
                        r.corrupt());
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
            spool.compact(COMPACT_BYTES);
            return true;
        } catch (IOException e) {
            LOG.error("usage spool {} could not be read; it stays for the next try: {}", spool.file(), e.toString());
            return true;
        }
    }

    private void spoolQueue() {
        List<Pending> batch = new ArrayList<>(settings.batchSize());
        while (queue.drainTo(batch, settings.batchSize()) > 0) {
            spoolBatch(records(batch));
            batch.clear();
        }
    }

    private void spoolBatch(List<UsageRecord> batch) {
        try {
            spool.append(batch, true);
            spooled.addAndGet(batch.size());
        } catch (IOException | RuntimeException e) {
            lost.addAndGet(batch.size());
            LOG.error("{} usage record(s) could not be spooled to {} and are lost: {}", batch.size(), spool.file(),
                    e.toString());
        }
    }

    /**
     * Forces records that request threads appended to disk. In write-ahead mode with the database up
     * this is skipped: they are replayed within a tick, the page cache already keeps them across a
     * process kill, and an fsync per tick would stall every appending request thread behind it.
     */
    private void syncOverflow() {
        if (settings.writeAhead() && databaseUp) {
            return;
        }
        if (overflowUnsynced.getAndSet(false)) {
            try {
                spool.sync();
            } catch (IOException e) {
                LOG.error("usage spool {} could not be synced: {}", spool.file(), e.toString());
            }
        }
    }

    private void databaseIsDown(Exception cause) {
        failed.incrementAndGet();
        retryAt = clock.instant().plus(settings.retryInterval());
        if (databaseUp) {
            databaseUp = false;
            LOG.warn("usage database unreachable, spooling to {} until it returns: {}", spool.file(),
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
        long spoolBytes;
        try {
            spoolBytes = spool.pendingBytes();
        } catch (IOException | RuntimeException e) {
            spoolBytes = -1;
        }
        return new WriterStats(queue.size(), submitted.get(), written.get(), spooled.get(), replayed.get(), failed.get(),
                corrupt.get(), lost.get(), spoolBytes, databaseUp);
    }

    /**
     * Stops the periodic flush, replays the spool and writes what is queued (spooling it if the
     * database does not take it), and releases the spool. A spool left behind is replayed by the next start.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            if (ticker != null) {
                ticker.cancel(false);
            }
        }
        flushLock.lock();
        try {
            drain();
            spoolClosed = true;
            spool.close();
        } catch (IOException e) {
            LOG.error("usage spool {} did not close cleanly: {}", spool.file(), e.toString());
        } finally {
            flushLock.unlock();
        }
        if (ownsScheduler) {
            scheduler.shutdown();
        }
    }
}
