package dev.switchboard.resilience;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Stops sending calls to one deployment (provider + upstream model + key) while it is failing, and lets a
 * few trial calls through once it may have recovered.
 *
 * <pre>
 * CLOSED ──(N failures in a row, or failure rate ≥ threshold over the window)──► OPEN
 * OPEN ──(open duration elapsed; noticed lazily by the next call)──► HALF_OPEN
 * HALF_OPEN ──(successThreshold probe successes)──► CLOSED     (open duration resets to the base)
 * HALF_OPEN ──(any probe failure)──► OPEN                      (for multiplier × the last duration, capped)
 * </pre>
 *
 * <p>Use: {@link #tryAcquire()} before the attempt; report what happened on the {@link Permit}. Report
 * {@link Permit#onFailure()} only for <em>retryable</em> failures that say something about the deployment's
 * health (connect error, timeout, 5xx, 429, 529). A client error (400, 404, 413, 422, context too long) says
 * nothing about the upstream: call {@link Permit#release()} instead, which frees a probe slot without a
 * verdict. Whether a failure counts is the caller's decision; the breaker never looks at status codes.
 *
 * <p>Outcomes are tied to the permit's generation: a call admitted before the breaker opened that finishes
 * while it is half-open does not count as a probe result, so slow stragglers cannot close or reopen it.
 *
 * <p>Thread-safe. The common case (closed, admitting) reads one volatile field and takes no lock; outcomes
 * and every state change take a short per-breaker lock. Time-driven changes (OPEN → HALF_OPEN) happen
 * lazily when any method is called, so an idle breaker costs nothing and needs no timer.
 */
public final class CircuitBreaker {

    public enum State { CLOSED, OPEN, HALF_OPEN }

    /**
     * A state change, for metrics and logs. {@code openFor} is set only when {@code to} is OPEN.
     *
     * @param shared true when the breaker opened because another instance saw the deployment fail
     *     ({@link #adoptOpening}); such a transition must not be shared again
     */
    public record Transition(String breakerId, State from, State to, Instant at, Duration openFor, boolean shared) {
        public Transition(String breakerId, State from, State to, Instant at, Duration openFor) {
            this(breakerId, from, to, at, openFor, false);
        }
    }

    /**
     * Told about every state change, on the thread that caused it, while the breaker's lock is held (so
     * transitions arrive in order). Must be quick and must not block; an exception it throws is handed to
     * the thread's uncaught-exception handler and does not disturb the breaker.
     */
    @FunctionalInterface
    public interface Listener {
        Listener NONE = t -> { };

        void onTransition(Transition transition);
    }

    /**
     * What an admin status page shows.
     *
     * @param windowRequests outcomes counted in the sliding window (reset when the breaker closes again)
     * @param failureRate windowFailures / windowRequests, 0 when the window is empty
     * @param openings openings in a row without a successful close; drives the open duration
     * @param openUntil when OPEN: when the next probe will be let through; otherwise null
     * @param lastTransitionAt null when the breaker never changed state
     */
    public record Snapshot(
            String id,
            State state,
            int consecutiveFailures,
            long windowRequests,
            long windowFailures,
            double failureRate,
            int openings,
            Instant openUntil,
            int probesInFlight,
            int probeSuccesses,
            long transitions,
            Instant lastTransitionAt) {}

    private static final int SUCCESSES = 0;
    private static final int FAILURES = 1;
    private static final State[] STATES = State.values();

    private final String id;
    private final CircuitBreakerConfig config;
    private final Clock clock;
    private final Listener listener;
    private final ReentrantLock lock = new ReentrantLock();

    /**
     * {@code generation << 2 | state.ordinal()}, published in one volatile write so the lock-free fast path
     * sees a state and the generation it belongs to together.
     */
    private volatile long word;
    /** Epoch millis the current opening ends; meaningful only while OPEN. */
    private volatile long openUntilMillis;

    // Guarded by lock.
    private final SlidingWindow window;
    private State state = State.CLOSED;
    private long generation;
    private int consecutiveFailures;
    private int openings;
    private int probesInFlight;
    private int probeSuccesses;
    private long transitions;
    private long lastTransitionMillis = Long.MIN_VALUE;

    public CircuitBreaker(String id, CircuitBreakerConfig config, Clock clock, Listener listener) {
        this.id = Objects.requireNonNull(id, "id");
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.window = new SlidingWindow(config.window(), config.windowBuckets(), 2);
        publish();
    }

    public CircuitBreaker(String id, CircuitBreakerConfig config, Clock clock) {
        this(id, config, clock, Listener.NONE);
    }

    public String id() {
        return id;
    }

    public CircuitBreakerConfig config() {
        return config;
    }

    /**
     * Whether a call would be admitted right now, without reserving anything. For routing, to skip a
     * deployment that is open; the attempt itself must still {@link #tryAcquire()} (a half-open breaker may
     * have given its last probe slot away in between).
     */
    public boolean allow() {
        long w = word;
        State s = stateOf(w);
        if (s == State.CLOSED) {
            return true;
        }
        if (s == State.OPEN && clock.millis() < openUntilMillis) {
            return false;
        }
        lock.lock();
        try {
            advance(clock.millis());
            return switch (state) {
                case CLOSED -> true;
                case OPEN -> false;
                case HALF_OPEN -> probesInFlight < config.halfOpenProbes();
            };
        } finally {
            lock.unlock();
        }
    }

    /**
     * Admits one call, or returns empty when the breaker is open or all half-open probe slots are taken (the
     * caller moves on to the next candidate). The permit must be settled exactly once — onSuccess,
     * onFailure, or release/close; use try-with-resources so an exception cannot leak a probe slot.
     */
    public Optional<Permit> tryAcquire() {
        long w = word;
        if (stateOf(w) == State.CLOSED) {
            return Optional.of(new Permit(this, w >>> 2, false));
        }
        if (stateOf(w) == State.OPEN && clock.millis() < openUntilMillis) {
            return Optional.empty();
        }
        lock.lock();
        try {
            advance(clock.millis());
            switch (state) {
                case CLOSED:
                    return Optional.of(new Permit(this, generation, false));
                case HALF_OPEN:
                    if (probesInFlight < config.halfOpenProbes()) {
                        probesInFlight++;
                        return Optional.of(new Permit(this, generation, true));
                    }
                    return Optional.empty();
                default:
                    return Optional.empty();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Opens this breaker until {@code until} because another instance saw the deployment fail, so this one
     * stops sending it calls too instead of finding out with its own failures. The transition is reported
     * with {@link Transition#shared()} set (and is not to be shared again). An open breaker is kept open
     * until the later of the two ends; nothing happens when {@code until} has passed. Like a failed probe,
     * it counts as one more opening in a row, so a later opening of this instance's own lasts longer; and
     * calls admitted before it say nothing about the new state (their outcomes are ignored).
     *
     * @param until capped at {@code now + openCap}, whatever the peer said
     * @return whether the breaker is open for longer now
     */
    public boolean adoptOpening(Instant until) {
        lock.lock();
        try {
            long now = clock.millis();
            advance(now);
            long end = Math.min(until.toEpochMilli(), now + config.openCap().toMillis());
            if (end <= now || state == State.OPEN && end <= openUntilMillis) {
                return false;
            }
            if (state == State.OPEN) {
                openUntilMillis = end; // already open: only longer
                return true;
            }
            openings++;
            openUntilMillis = end;
            transition(State.OPEN, now, Duration.ofMillis(end - now), true);
            return true;
        } finally {
            lock.unlock();
        }
    }

    public State state() {
        lock.lock();
        try {
            advance(clock.millis());
            return state;
        } finally {
            lock.unlock();
        }
    }

    public Snapshot snapshot() {
        lock.lock();
        try {
            long now = clock.millis();
            advance(now);
            long failures = window.sum(now, FAILURES);
            long requests = window.sum(now, SUCCESSES) + failures;
            return new Snapshot(id, state, consecutiveFailures, requests, failures,
                    requests == 0 ? 0.0 : (double) failures / requests, openings,
                    state == State.OPEN ? Instant.ofEpochMilli(openUntilMillis) : null,
                    probesInFlight, probeSuccesses, transitions,
                    lastTransitionMillis == Long.MIN_VALUE ? null : Instant.ofEpochMilli(lastTransitionMillis));
        } finally {
            lock.unlock();
        }
    }

    private enum Outcome { SUCCESS, FAILURE, NEUTRAL }

    private void settle(Permit permit, Outcome outcome) {
        lock.lock();
        try {
            long now = clock.millis();
            advance(now);
            if (permit.generation != generation) {
                return; // admitted under an earlier state: says nothing about this one
            }
            if (state == State.CLOSED) {
                onClosedOutcome(outcome, now);
            } else if (state == State.HALF_OPEN && permit.probe) {
                probesInFlight--;
                if (outcome == Outcome.SUCCESS && ++probeSuccesses >= config.successThreshold()) {
                    close(now);
                } else if (outcome == Outcome.FAILURE) {
                    open(now);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private void onClosedOutcome(Outcome outcome, long now) {
        switch (outcome) {
            case SUCCESS -> {
                window.add(now, SUCCESSES, 1);
                consecutiveFailures = 0;
            }
            case FAILURE -> {
                window.add(now, FAILURES, 1);
                consecutiveFailures++;
            }
            case NEUTRAL -> {
                return;
            }
        }
        // The rate is judged after successes too: the success that brings the window to its minimum count
        // may find half of it failed already. That is the rule as stated, and what resilience4j does.
        if (consecutiveFailures >= config.consecutiveFailures() || rateTripped(now)) {
            open(now);
        }
    }

    private boolean rateTripped(long now) {
        long failures = window.sum(now, FAILURES);
        long requests = failures + window.sum(now, SUCCESSES);
        return requests >= config.minimumRequests() && failures >= config.failureRateThreshold() * requests;
    }

    /** The one time-driven transition, applied whenever anyone looks. */
    private void advance(long now) {
        if (state == State.OPEN && now >= openUntilMillis) {
            probesInFlight = 0;
            probeSuccesses = 0;
            transition(State.HALF_OPEN, now, null, false);
        }
    }

    private void open(long now) {
        openings++;
        Duration d = config.openDuration(openings);
        openUntilMillis = now + d.toMillis();
        transition(State.OPEN, now, d, false);
    }

    private void close(long now) {
        // A fresh start: the failures that opened it must not re-trip the rate on the next hiccup, and the
        // next opening (if any) starts from the base duration again.
        openings = 0;
        consecutiveFailures = 0;
        probesInFlight = 0;
        probeSuccesses = 0;
        window.clear();
        transition(State.CLOSED, now, null, false);
    }

    private void transition(State to, long now, Duration openFor, boolean shared) {
        State from = state;
        state = to;
        generation++;
        transitions++;
        lastTransitionMillis = now;
        publish();
        try {
            listener.onTransition(new Transition(id, from, to, Instant.ofEpochMilli(now), openFor, shared));
        } catch (RuntimeException e) {
            Thread t = Thread.currentThread();
            t.getUncaughtExceptionHandler().uncaughtException(t, e);
        }
    }

    private void publish() {
        word = generation << 2 | state.ordinal();
    }

    private static State stateOf(long w) {
        return STATES[(int) (w & 3)];
    }

    /**
     * Leave to make one call. Settle it once: {@link #onSuccess()}, {@link #onFailure()} (retryable failures
     * only) or {@link #release()} (no verdict: client error, cancelled, or not sent after all). Later calls
     * are ignored, so a close() after onSuccess() in try-with-resources is harmless.
     */
    public static final class Permit implements AutoCloseable {
        private static final VarHandle SETTLED;

        static {
            try {
                SETTLED = MethodHandles.lookup().findVarHandle(Permit.class, "settled", boolean.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        private final CircuitBreaker breaker;
        private final long generation;
        private final boolean probe;
        @SuppressWarnings("unused") // accessed through SETTLED
        private volatile boolean settled;

        private Permit(CircuitBreaker breaker, long generation, boolean probe) {
            this.breaker = breaker;
            this.generation = generation;
            this.probe = probe;
        }

        /** True when this call is a half-open trial: its result decides whether the breaker closes. */
        public boolean probe() {
            return probe;
        }

        public void onSuccess() {
            settle(Outcome.SUCCESS);
        }

        /** A retryable failure (connect error, timeout, 5xx, 429, overloaded). Never for client errors. */
        public void onFailure() {
            settle(Outcome.FAILURE);
        }

        /** Hands the permit back without a verdict. */
        public void release() {
            settle(Outcome.NEUTRAL);
        }

        @Override
        public void close() {
            release();
        }

        private void settle(Outcome outcome) {
            if (SETTLED.compareAndSet(this, false, true)) {
                breaker.settle(this, outcome);
            }
        }
    }
}
