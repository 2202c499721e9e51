package dev.switchboard.resilience;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Bounds how many calls are in flight (per instance or per provider). Beyond the bound the caller answers
 * a fast 503 with Retry-After: a quick "busy" is better for everyone than an unbounded queue that makes
 * every request slow and the heap grow. Non-blocking and lock-free; it never waits.
 */
public final class ConcurrencyLimiter {

    /** @param rejected how many acquisitions were refused since creation */
    public record Snapshot(String name, int max, int inFlight, long rejected) {}

    private final String name;
    private final int max;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final LongAdder rejected = new LongAdder();

    public ConcurrencyLimiter(String name, int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1, was " + max);
        }
        this.name = name;
        this.max = max;
    }

    /** A permit for one call, or empty when {@code max} calls are already in flight. */
    public Optional<Permit> tryAcquire() {
        int current;
        do {
            current = inFlight.get();
            if (current >= max) {
                rejected.increment();
                return Optional.empty();
            }
        } while (!inFlight.compareAndSet(current, current + 1));
        return Optional.of(new Permit());
    }

    public int inFlight() {
        return inFlight.get();
    }

    public int max() {
        return max;
    }

    public Snapshot snapshot() {
        return new Snapshot(name, max, inFlight.get(), rejected.sum());
    }

    /** Held for the duration of one call. {@link #close()} gives it back; closing again does nothing. */
    public final class Permit implements AutoCloseable {
        private static final VarHandle RELEASED;

        static {
            try {
                RELEASED = MethodHandles.lookup().findVarHandle(Permit.class, "released", boolean.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        @SuppressWarnings("unused") // accessed through RELEASED
        private volatile boolean released;

        private Permit() {
        }

        @Override
        public void close() {
            // Idempotent: the end of a call is often signalled twice (response end and connection close).
            if (RELEASED.compareAndSet(this, false, true)) {
                inFlight.decrementAndGet();
            }
        }
    }
}
