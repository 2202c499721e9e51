package dev.switchboard.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults that are not a database outage: a flush that ends abruptly, a caller whose thread is
 * interrupted. The writer is never started; the test flushes it by hand, so every step is deterministic.
 */
class UsageWriterFaultTest {
    @TempDir
    Path dir;

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final MemorySink sink = new MemorySink();

    @AfterEach
    void stopScheduler() {
        Thread.interrupted(); // never leave the flag to the next test, whatever happened
        scheduler.shutdownNow();
    }

    /** Idempotent by request id, as the database is, and made to fail on demand. */
    private static final class MemorySink implements UsageSink {
        final Set<String> stored = ConcurrentHashMap.newKeySet();
        volatile boolean down;
        volatile Error nextError;

        @Override
        public void write(List<UsageRecord> batch) {
            Error e = nextError;
            if (e != null) {
                nextError = null;
                throw e;
            }
            if (down) {
                throw new IllegalStateException("database down");
            }
            batch.forEach(r -> stored.add(r.requestId()));
        }
    }

    private UsageWriter writer(int queueCapacity, boolean writeAhead) {
        WriterSettings settings = new WriterSettings(queueCapacity, 1000, Duration.ofHours(1), Duration.ofMillis(0),
                dir.resolve("usage.jsonl"), writeAhead);
        return new UsageWriter(sink, settings, Clock.systemUTC(), scheduler);
    }

    private static void submit(UsageWriter w, String... ids) {
        for (String id : ids) {
            w.submit(UsageSpoolTest.record(id));
        }
    }

    /**
     * The next flush ends in an Error out of the sink (in production: an OutOfMemoryError building a
     * large insert). After it, "b0" is submitted; two more flushes must have stored {@code expected}.
     */
    private void aFlushEndsAbruptlyThenTheWriterGoesOn(UsageWriter w, String... expected) {
        sink.nextError = new OutOfMemoryError("simulated: the batch insert ran out of memory");
        assertThatThrownBy(w::flush).isInstanceOf(OutOfMemoryError.class);

        submit(w, "b0");
        w.flush();
        w.flush();
        assertThat(sink.stored).containsExactlyInAnyOrder(expected);
        assertThat(w.stats().lost()).isZero();
        assertThat(w.stats().spoolBytes()).isZero();
    }

    /*
     * Write-ahead: the spool is acknowledged by position, so a drain that skips part of it and then
     * acknowledges a later line drops the part. A catch-up from the spool that ends abruptly (here an
     * Error out of the sink; in production as well a read error) must leave the spool "ahead".
     */
    @Test
    void aCatchUpThatEndsAbruptlyIsReplayedAgainNotSkipped() {
        try (UsageWriter w = writer(100, true)) {
            submit(w, "a0");
            sink.down = true;
            w.flush(); // fails: queueing stops, a0 waits in the spool
            sink.down = false;
            submit(w, "a1"); // spool only, until a catch-up has replayed the spool
            aFlushEndsAbruptlyThenTheWriterGoesOn(w, "a0", "a1", "b0");
        }
    }

    @Test
    void aBatchFromMemoryThatEndsAbruptlyIsReplayedFromTheSpool() {
        try (UsageWriter w = writer(100, true)) {
            submit(w, "a0", "a1");
            aFlushEndsAbruptlyThenTheWriterGoesOn(w, "a0", "a1", "b0");
        }
    }

    /** Without write-ahead a batch taken from the queue exists nowhere else: an abrupt end must spool it. */
    @Test
    void withoutWriteAheadABatchThatEndsAbruptlyIsSpooled() {
        try (UsageWriter w = writer(100, false)) {
            submit(w, "a0", "a1");
            aFlushEndsAbruptlyThenTheWriterGoesOn(w, "a0", "a1", "b0");
        }
    }

    /** The periodic flush is the only one a quiet writer gets: one abrupt flush must not cancel it. */
    @Test
    void thePeriodicFlushOutlivesAFlushThatEndsAbruptly() {
        WriterSettings settings = new WriterSettings(100, 1000, Duration.ofMillis(20), Duration.ofMillis(0),
                dir.resolve("usage.jsonl"), true);
        sink.nextError = new OutOfMemoryError("simulated");
        try (UsageWriter w = UsageWriter.start(sink, settings, Clock.systemUTC())) {
            submit(w, "a0");
            await().atMost(Duration.ofSeconds(20)).until(() -> sink.nextError == null);
            submit(w, "b0");
            await().atMost(Duration.ofSeconds(20)).until(() -> sink.stored.size() == 2);
            assertThat(sink.stored).containsExactlyInAnyOrder("a0", "b0");
        }
    }

    /*
     * A FileChannel closes itself for good when the thread using it is interrupted. One request thread
     * that submits with its interrupt flag set must not turn every later record into a lost one.
     */
    @Test
    void anInterruptedSubmitterDoesNotCloseTheSpool() {
        try (UsageWriter w = writer(100, true)) {
            Thread.currentThread().interrupt();
            submit(w, "a0");
            assertThat(Thread.interrupted()).as("the caller's interrupt is left to the caller").isTrue();
            submit(w, "a1");
            w.flush();
            assertThat(sink.stored).containsExactlyInAnyOrder("a0", "a1");
            assertThat(w.stats().lost()).isZero();
        }
    }

    /*
     * Real interrupts, landing wherever they land in a submit, some during the spool's write: each closes
     * the FileChannel. One at a time (the next once the submitter has seen the last), so that a write
     * and its one retry do not both meet one.
     */
    @Test
    void interruptsLandingDuringSpoolWritesLoseNoRecord() throws Exception {
        int n = 3000;
        AtomicInteger seen = new AtomicInteger();
        try (UsageWriter w = writer(n, true)) {
            Thread submitter = new Thread(() -> {
                for (int i = 0; i < n; i++) {
                    w.submit(UsageSpoolTest.record("r" + i));
                    if (Thread.interrupted()) {
                        seen.incrementAndGet();
                    }
                }
            }, "interrupted-submitter");
            submitter.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (submitter.isAlive() && System.nanoTime() < deadline) {
                int before = seen.get();
                submitter.interrupt();
                while (seen.get() == before && submitter.isAlive() && System.nanoTime() < deadline) {
                    Thread.yield();
                }
            }
            submitter.join(Duration.ofSeconds(10));
            assertThat(submitter.isAlive()).as("the submitter finished within the deadline").isFalse();
            w.flush();
            assertThat(seen.get()).as("interrupts reached the submitter").isPositive();
            assertThat(w.stats().lost()).isZero();
            assertThat(w.stats().corrupt()).isZero();
            assertThat(sink.stored).hasSize(n);
        }
    }

    /** A shutdown path that was interrupted still closes the writer; what it spools must reach the file. */
    @Test
    void closeOnAnInterruptedThreadDuringAnOutageSpoolsEverything() {
        UsageWriter w = writer(100, false);
        sink.down = true;
        submit(w, "a0", "a1", "a2");
        Thread.currentThread().interrupt();
        try {
            w.close();
        } finally {
            assertThat(Thread.interrupted()).isTrue();
        }
        assertThat(w.stats().lost()).isZero();
        assertThat(w.stats().spooled()).isEqualTo(3);

        sink.down = false;
        try (UsageWriter next = writer(100, false)) {
            next.flush();
            assertThat(sink.stored).containsExactlyInAnyOrder("a0", "a1", "a2");
        }
    }

    /*
     * Without write-ahead, submit checks that the writer is open and then queues. A close() that runs
     * between the two has drained the queue and released the spool already: a record queued after it
     * would sit in memory for good, counted nowhere. Here the queue itself runs close() just before the offer.
     */
    @Test
    void aRecordQueuedJustAfterCloseIsAccountedForNotLeftInMemory() {
        UsageWriter[] writer = new UsageWriter[1];
        BlockingQueue<UsageRecord> closingQueue = new LinkedBlockingQueue<>(100) {
            @Override
            public boolean offer(UsageRecord r) {
                writer[0].close();
                return super.offer(r);
            }
        };
        WriterSettings settings = new WriterSettings(100, 1000, Duration.ofHours(1), Duration.ofMillis(0),
                dir.resolve("usage.jsonl"), false);
        writer[0] = new UsageWriter(sink, settings, Clock.systemUTC(), scheduler, closingQueue);
        submit(writer[0], "a0");

        WriterStats s = writer[0].stats();
        assertThat(s.queued()).as("nothing is left in memory once close() returned").isZero();
        assertThat(s.lost()).as("the spool was released: the record is counted lost, and logged").isEqualTo(1);
        assertThat(sink.stored).isEmpty();
    }
}
