package dev.switchboard.pipeline;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Where access-log lines go: a lock-free queue drained by one writer thread every few milliseconds,
 * in one buffered write per batch. A per-line logger append would cost the event loop a thread
 * wake-up and a write syscall per request; this costs neither. The queue is bounded: under a flood the
 * newest lines are dropped and counted rather than growing the heap.
 */
public final class AccessLogSink implements AutoCloseable {
    private static final int MAX_QUEUED = 100_000;
    private static final long FLUSH_EVERY_NANOS = 20_000_000;

    private final OutputStream out;
    private final boolean enabled;
    private final ConcurrentLinkedQueue<String> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicLong dropped = new AtomicLong();
    private final Thread writer;
    private volatile boolean closed;

    public AccessLogSink(OutputStream out, boolean enabled) {
        this.out = out;
        this.enabled = enabled;
        this.writer = Thread.ofPlatform().daemon().name("switchboard-access-log").unstarted(this::run);
        if (enabled) {
            writer.start();
        }
    }

    /** A sink that writes nothing (access log off). */
    public static AccessLogSink disabled() {
        return new AccessLogSink(OutputStream.nullOutputStream(), false);
    }

    public boolean enabled() {
        return enabled;
    }

    public long dropped() {
        return dropped.get();
    }

    void offer(String line) {
        if (queued.incrementAndGet() > MAX_QUEUED) {
            queued.decrementAndGet();
            dropped.incrementAndGet();
            return;
        }
        queue.add(line);
    }

    private void run() {
        StringBuilder batch = new StringBuilder(64 * 1024);
        while (!closed) {
            LockSupport.parkNanos(FLUSH_EVERY_NANOS);
            drain(batch);
        }
        drain(batch);
    }

    private void drain(StringBuilder batch) {
        String line;
        while ((line = queue.poll()) != null) {
            queued.decrementAndGet();
            batch.append(line).append('\n');
            if (batch.length() >= 60 * 1024) {
                flush(batch);
            }
        }
        flush(batch);
    }

    private void flush(StringBuilder batch) {
        if (batch.isEmpty()) {
            return;
        }
        try {
            out.write(batch.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            // stdout closed (e.g. a broken pipe): the lines are lost, the gateway keeps serving
        }
        batch.setLength(0);
    }

    /** Writes what is queued, then stops the writer. */
    @Override
    public void close() {
        closed = true;
        if (enabled) {
            LockSupport.unpark(writer);
            try {
                writer.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
