package dev.switchboard.usage;

import java.io.IOException;
import java.time.Clock;
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
 *
 * <p>This class decides when to flush; what a flush does is {@code UsageDrain}'s, and whether the
 * database counts as down is {@code DatabaseState}'s.
 */
public final class UsageWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(UsageWriter.class);

    private final UsageJournal journal;
    private final MemoryQueue memory;
    private final DatabaseState database;
    private final UsageDrain drain;
    private final WriterSettings settings;
    private final ScheduledExecutorService scheduler;
    private final boolean ownsScheduler;
    private final ReentrantLock flushLock = new ReentrantLock();
    private final AtomicBoolean flushPending = new AtomicBoolean();
    private final AtomicLong submitted = new AtomicLong();
    private boolean closed; // guarded by this
    private boolean spoolClosed; // guarded by flushLock
    private ScheduledFuture<?> ticker; // guarded by this

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
        this.settings = settings;
        this.scheduler = scheduler;
        this.ownsScheduler = ownsScheduler;
        this.journal = new UsageJournal(settings.spoolFile(), settings.queueCapacity(), settings.batchSize());
        this.memory = new MemoryQueue(queue);
        this.database = new DatabaseState(clock, settings.retryInterval(), settings.spoolFile());
        this.drain = new UsageDrain(sink, journal, memory, database, settings);
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
            if (journal.append(record) && drain.batchDue()) {
                requestFlush();
            }
            return;
        }
        if (memory.offer(record)) {
            if (memory.size() >= settings.batchSize()) {
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
            drain.drain();
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

    public WriterStats stats() {
        int queued = settings.writeAhead() ? journal.queued() : memory.size();
        return new WriterStats(queued, submitted.get(), drain.written(), journal.spooled(), journal.replayed(),
                database.failures(), journal.corrupt(), journal.lost(), journal.pendingBytes(), database.up());
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
            memory.close();
            if (ticker != null) {
                ticker.cancel(false);
            }
        }
        flushLock.lock();
        try {
            drain.drain();
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
