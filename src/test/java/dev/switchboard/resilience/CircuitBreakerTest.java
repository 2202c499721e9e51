package dev.switchboard.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.resilience.CircuitBreaker.Permit;
import dev.switchboard.resilience.CircuitBreaker.State;
import dev.switchboard.resilience.CircuitBreaker.Transition;
import dev.switchboard.testkit.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {
    private final ManualClock clock = new ManualClock();

    /** Consecutive rule effectively off, so only the rate can open it. */
    private static final CircuitBreakerConfig RATE_ONLY =
            CircuitBreakerConfig.defaults().withConsecutiveFailures(1_000).withFailureRate(0.5, 20);

    private CircuitBreaker breaker(CircuitBreakerConfig config) {
        return new CircuitBreaker("claude/sonnet/****abcd", config, clock);
    }

    private static void fail(CircuitBreaker b, int times) {
        for (int i = 0; i < times; i++) {
            b.tryAcquire().orElseThrow().onFailure();
        }
    }

    private static void succeed(CircuitBreaker b, int times) {
        for (int i = 0; i < times; i++) {
            b.tryAcquire().orElseThrow().onSuccess();
        }
    }

    /** Opens a default-config breaker and waits out its open duration: it is then half-open. */
    private void openThenWait(CircuitBreaker b) {
        fail(b, b.config().consecutiveFailures());
        assertThat(b.state()).isEqualTo(State.OPEN);
        clock.advance(Duration.between(clock.instant(), b.snapshot().openUntil()));
    }

    @Test
    void startsClosedAndAdmits() {
        CircuitBreaker b = breaker(CircuitBreakerConfig.defaults());
        assertThat(b.state()).isEqualTo(State.CLOSED);
        assertThat(b.allow()).isTrue();
        assertThat(b.tryAcquire()).isPresent().get().extracting(Permit::probe).isEqualTo(false);
    }

    @Test
    void opensOnConsecutiveFailures() {
        CircuitBreaker b = breaker(CircuitBreakerConfig.defaults()); // 5 in a row

        fail(b, 4);
        assertThat(b.state()).isEqualTo(State.CLOSED);
        fail(b, 1);

        assertThat(b.state()).isEqualTo(State.OPEN);
        assertThat(b.allow()).isFalse();
        assertThat(b.tryAcquire()).isEmpty();
        assertThat(b.snapshot().openUntil()).isEqualTo(clock.instant().plusSeconds(5));
    }

    @Test
    void aSuccessBreaksTheFailureRun() {
        CircuitBreaker b = breaker(CircuitBreakerConfig.defaults());
        fail(b, 4);
        succeed(b, 1);
        fail(b, 4);
        assertThat(b.state()).isEqualTo(State.CLOSED);
        assertThat(b.snapshot().consecutiveFailures()).isEqualTo(4);
    }

    @Test
    void opensOnFailureRateOnlyOnceTheMinimumCountIsReached() {
        CircuitBreaker b = breaker(RATE_ONLY);

        fail(b, 19); // 100 % failing, but 19 < 20 outcomes: not enough evidence
        assertThat(b.state()).isEqualTo(State.CLOSED);
        assertThat(b.snapshot().failureRate()).isEqualTo(1.0);

        fail(b, 1);
        assertThat(b.state()).isEqualTo(State.OPEN);
    }

    @Test
    void theRateIsJudgedWhenASuccessCompletesTheMinimumCount() {
        CircuitBreaker b = breaker(RATE_ONLY);
        fail(b, 10);
        succeed(b, 9);
        assertThat(b.state()).isEqualTo(State.CLOSED); // 10/19, but only 19 outcomes

        succeed(b, 1); // 10/20 = 0.5 ≥ 0.5

        assertThat(b.state()).isEqualTo(State.OPEN);
    }

    @Test
    void aRateBelowTheThresholdStaysClosed() {
        CircuitBreaker b = breaker(RATE_ONLY);
        for (int i = 0; i < 20; i++) {
            succeed(b, 11);
            fail(b, 9);
        }
        CircuitBreaker.Snapshot s = b.snapshot();
        assertThat(s.state()).isEqualTo(State.CLOSED);
        assertThat(s.windowRequests()).isEqualTo(400);
        assertThat(s.failureRate()).isEqualTo(0.45);
    }

    @Test
    void oldFailuresAgeOutOfTheWindow() {
        CircuitBreaker b = breaker(RATE_ONLY); // window 60 s in 12 buckets of 5 s
        fail(b, 15);

        clock.advance(Duration.ofSeconds(30));
        assertThat(b.snapshot().windowFailures()).isEqualTo(15); // still inside the window

        clock.advance(Duration.ofSeconds(30)); // the 15 are now 60 s old: gone
        assertThat(b.snapshot().windowRequests()).isZero();

        fail(b, 15); // without sliding this would be 30 failures ≥ 20 and open
        assertThat(b.state()).isEqualTo(State.CLOSED);
        assertThat(b.snapshot().windowFailures()).isEqualTo(15);
    }

    @Test
    void failuresAgeOutBucketByBucket() {
        CircuitBreaker b = breaker(RATE_ONLY);
        fail(b, 10);
        clock.advance(Duration.ofSeconds(20));
        fail(b, 5);
        clock.advance(Duration.ofSeconds(40)); // first 10 are 60 s old, the 5 are 40 s old

        assertThat(b.snapshot().windowFailures()).isEqualTo(5);
        fail(b, 14); // 19 in the window
        assertThat(b.state()).isEqualTo(State.CLOSED);
        fail(b, 1);
        assertThat(b.state()).isEqualTo(State.OPEN);
    }

    @Test
    void becomesHalfOpenExactlyWhenTheOpenDurationEnds() {
        CircuitBreaker b = breaker(CircuitBreakerConfig.defaults());
        fail(b, 5);

        clock.advance(Duration.ofMillis(4_999));
        assertThat(b.allow()).isFalse();
        assertThat(b.tryAcquire()).isEmpty();
        assertThat(b.state()).isEqualTo(State.OPEN);

        clock.advance(Duration.ofMillis(1));
        assertThat(b.allow()).isTrue();
        assertThat(b.state()).isEqualTo(State.HALF_OPEN);
    }

    @Test
    void openDurationGrowsOnEachReopeningAndIsCapped() {
        CircuitBreaker b = breaker(CircuitBreakerConfig.defaults()
                .withOpenDuration(Duration.ofSeconds(5), 2.0, Duration.ofSeconds(30)));
        fail(b, 5);

        List<Long> openSeconds = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Instant until = b.snapshot().openUntil();
            openSeconds.add(Duration.between(clock.instant(), until).toSeconds());
            clock.advance(Duration.between(clock.instant(), until));
            b.tryAcquire().orElseThrow().onFailure(); // the probe fails: open again, longer
            assertThat(b.state()).isEqualTo(State.OPEN);
        }

        assertThat(openSeconds).containsExactly(5L, 10L, 20L, 30L, 30L);
        assertThat(b.snapshot().openings()).isEqualTo(6);
    }

    @Test
    void aSuccessfulCloseResetsTheOpenDurationToTheBase() {
        CircuitBreaker b = breaker(CircuitBreakerConfig.defaults());
        openThenWait(b);
        b.tryAcquire().orElseThrow().onFailure(); // reopened for 10 s
        assertThat(Duration.between(clock.instant(), b.snapshot().openUntil())).hasSeconds(10);
        clock.advance(Duration.ofSeconds(10));

        b.tryAcquire().orElseThrow().onSuccess();
        assertThat(b.state()).isEqualTo(State.CLOSED);
        assertThat(b.snapshot().openings()).isZero();

        fail(b, 5);
        assertThat(Duration.between(clock.instant(), b.snapshot().openUntil())).hasSeconds(5);
    }

    @Test
    void halfOpenAdmitsExactlyTheConfiguredProbesAndClosesAfterTheSuccessThreshold() {
        CircuitBreaker b = breaker(CircuitBreakerConfig.defaults().withHalfOpen(2, 3));
        openThenWait(b);

        Permit p1 = b.tryAcquire().orElseThrow();
        Permit p2 = b.tryAcquire().orElseThrow();
        assertThat(p1.probe()).isTrue();
        assertThat(p2.probe()).isTrue();
        assertThat(b.tryAcquire()).isEmpty(); // both slots taken
        assertThat(b.allow()).isFalse();
        assertThat(b.snapshot().probesInFlight()).isEqualTo(2);

        p1.onSuccess();
        assertThat(b.state()).isEqualTo(State.HALF_OPEN); // 1 of 3
        Permit p3 = b.tryAcquire().orElseThrow(); // p1's slot is free again
        assertThat(b.tryAcquire()).isEmpty();

        p2.onSuccess();
        assertThat(b.state()).isEqualTo(State.HALF_OPEN); // 2 of 3
        assertThat(b.snapshot().probeSuccesses()).isEqualTo(2);

        p3.onSuccess();
        assertThat(b.state()).isEqualTo(State.CLOSED);
        assertThat(b.tryAcquire()).get().extracting(Permit::probe).isEqualTo(false);
    }

    @Test
    void aProbeFailureReopensForLongerAndLateProbeResultsAreIgnored() {
        CircuitBreaker b = breaker(CircuitBreakerConfig.defaults().withHalfOpen(2, 1));
        openThenWait(b);
        Permit p1 = b.tryAcquire().orElseThrow();
        Permit p2 = b.tryAcquire().orElseThrow();

        p1.onFailure();
        assertThat(b.state()).isEqualTo(State.OPEN);
        assertThat(b.snapshot().openUntil()).isEqualTo(clock.instant().plusSeconds(10));

        p2.onSuccess(); // belongs to the half-open period that just ended
        assertThat(b.state()).isEqualTo(State.OPEN);
    }

    @Test
    void releasingAProbeFreesItsSlotWithoutAVerdict() {
        CircuitBreaker b = breaker(CircuitBreakerConfig.defaults());
        openThenWait(b);

        try (Permit probe = b.tryAcquire().orElseThrow()) {
            assertThat(b.tryAcquire()).isEmpty();
            // the upstream answered 400: nothing learned about its health
        }

        assertThat(b.state()).isEqualTo(State.HALF_OPEN);
        assertThat(b.tryAcquire()).isPresent();
    }

    @Test
    void clientErrorsReleasedInsteadOfFailedDoNotCount() {
        CircuitBreaker b = breaker(CircuitBreakerConfig.defaults());
        for (int i = 0; i < 50; i++) {
            b.tryAcquire().orElseThrow().release();
        }
        assertThat(b.state()).isEqualTo(State.CLOSED);
        assertThat(b.snapshot().windowRequests()).isZero();
        assertThat(b.snapshot().consecutiveFailures()).isZero();
    }

    @Test
    void aPermitCountsOnceHoweverOftenItIsSettled() {
        CircuitBreaker b = breaker(CircuitBreakerConfig.defaults());
        Permit p = b.tryAcquire().orElseThrow();
        p.onFailure();
        p.onFailure();
        p.onSuccess();
        p.close();
        assertThat(b.snapshot().consecutiveFailures()).isEqualTo(1);
        assertThat(b.snapshot().windowRequests()).isEqualTo(1);
    }

    @Test
    void aCallAdmittedBeforeTheBreakerOpenedCannotCloseIt() {
        CircuitBreaker b = breaker(CircuitBreakerConfig.defaults());
        Permit straggler = b.tryAcquire().orElseThrow(); // a slow call, admitted while closed
        openThenWait(b);
        assertThat(b.state()).isEqualTo(State.HALF_OPEN);

        straggler.onSuccess();

        assertThat(b.state()).isEqualTo(State.HALF_OPEN); // only a probe decides
        assertThat(b.snapshot().probeSuccesses()).isZero();
    }

    @Test
    void closingForgetsTheFailuresThatOpenedIt() {
        CircuitBreaker b = breaker(RATE_ONLY);
        fail(b, 20);
        clock.advance(Duration.ofSeconds(5));
        b.tryAcquire().orElseThrow().onSuccess();
        assertThat(b.state()).isEqualTo(State.CLOSED);

        fail(b, 1); // 20 old failures are still < 60 s old; they must not re-trip the rate

        assertThat(b.state()).isEqualTo(State.CLOSED);
        assertThat(b.snapshot().windowRequests()).isEqualTo(1);
    }

    @Test
    void listenerSeesEveryTransitionInOrder() {
        List<Transition> seen = new ArrayList<>();
        CircuitBreaker b = new CircuitBreaker("d1", CircuitBreakerConfig.defaults(), clock, seen::add);
        Instant t0 = clock.instant();
        fail(b, 5);
        clock.advance(Duration.ofSeconds(5));
        b.tryAcquire().orElseThrow().onFailure();
        clock.advance(Duration.ofSeconds(10));
        b.tryAcquire().orElseThrow().onSuccess();

        assertThat(seen).containsExactly(
                new Transition("d1", State.CLOSED, State.OPEN, t0, Duration.ofSeconds(5)),
                new Transition("d1", State.OPEN, State.HALF_OPEN, t0.plusSeconds(5), null),
                new Transition("d1", State.HALF_OPEN, State.OPEN, t0.plusSeconds(5), Duration.ofSeconds(10)),
                new Transition("d1", State.OPEN, State.HALF_OPEN, t0.plusSeconds(15), null),
                new Transition("d1", State.HALF_OPEN, State.CLOSED, t0.plusSeconds(15), null));
        assertThat(b.snapshot().transitions()).isEqualTo(5);
        assertThat(b.snapshot().lastTransitionAt()).isEqualTo(t0.plusSeconds(15));
    }

    @Test
    void aThrowingListenerDoesNotDisturbTheBreaker() {
        List<Throwable> reported = new ArrayList<>();
        Thread.UncaughtExceptionHandler before = Thread.currentThread().getUncaughtExceptionHandler();
        Thread.currentThread().setUncaughtExceptionHandler((t, e) -> reported.add(e));
        try {
            CircuitBreaker b = new CircuitBreaker("d1", CircuitBreakerConfig.defaults(), clock, t -> {
                throw new IllegalStateException("metrics are broken");
            });
            fail(b, 5);
            assertThat(b.state()).isEqualTo(State.OPEN);
            assertThat(reported).singleElement().extracting(Throwable::getMessage).isEqualTo("metrics are broken");
        } finally {
            Thread.currentThread().setUncaughtExceptionHandler(before);
        }
    }

    @Test
    void snapshotDescribesAnOpenBreaker() {
        CircuitBreaker b = breaker(CircuitBreakerConfig.defaults());
        succeed(b, 3);
        fail(b, 5);

        CircuitBreaker.Snapshot s = b.snapshot();
        assertThat(s.id()).isEqualTo("claude/sonnet/****abcd");
        assertThat(s.state()).isEqualTo(State.OPEN);
        assertThat(s.consecutiveFailures()).isEqualTo(5);
        assertThat(s.windowRequests()).isEqualTo(8);
        assertThat(s.windowFailures()).isEqualTo(5);
        assertThat(s.failureRate()).isEqualTo(5 / 8.0);
        assertThat(s.openings()).isEqualTo(1);
        assertThat(s.openUntil()).isEqualTo(clock.instant().plusSeconds(5));
        assertThat(s.transitions()).isEqualTo(1);
    }

    @Test
    void configRejectsNonsense() {
        CircuitBreakerConfig d = CircuitBreakerConfig.defaults();
        assertThatThrownBy(() -> d.withConsecutiveFailures(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.withFailureRate(1.5, 20)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.withFailureRate(0, 20)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.withOpenDuration(Duration.ofSeconds(10), 2, Duration.ofSeconds(5)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.withOpenDuration(Duration.ofSeconds(1), 0.5, Duration.ofSeconds(5)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.withHalfOpen(0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.withWindow(Duration.ofMillis(5), 10)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void openDurationDoesNotOverflowAfterManyOpenings() {
        CircuitBreakerConfig c = CircuitBreakerConfig.defaults();
        assertThat(c.openDuration(1)).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.openDuration(2)).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.openDuration(7)).isEqualTo(Duration.ofMinutes(5)); // 320 s capped at 300 s
        assertThat(c.openDuration(10_000)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void halfOpenHandsOutNoMoreProbesThanConfiguredUnderConcurrency() throws Exception {
        int probes = 3;
        int threads = 16;
        for (int round = 0; round < 50; round++) {
            CircuitBreaker b = breaker(CircuitBreakerConfig.defaults().withHalfOpen(probes, 10));
            openThenWait(b); // the first tryAcquire below also performs OPEN -> HALF_OPEN, racing
            ConcurrentLinkedQueue<Permit> granted = new ConcurrentLinkedQueue<>();
            CountDownLatch go = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    done.add(pool.submit(() -> {
                        go.await();
                        for (int i = 0; i < 10; i++) {
                            Optional<Permit> p = b.tryAcquire();
                            p.ifPresent(granted::add);
                        }
                        return null;
                    }));
                }
                go.countDown();
                for (Future<?> f : done) {
                    f.get(10, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(granted).hasSize(probes).allMatch(Permit::probe);
            assertThat(b.snapshot().probesInFlight()).isEqualTo(probes);
            assertThat(b.snapshot().transitions()).isEqualTo(2); // one CLOSED->OPEN, one OPEN->HALF_OPEN
        }
    }
}
