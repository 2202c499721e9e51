package dev.switchboard.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.resilience.CircuitBreaker.Permit;
import dev.switchboard.resilience.CircuitBreaker.State;
import dev.switchboard.resilience.CircuitBreaker.Transition;
import dev.switchboard.testkit.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A breaker opened because another instance saw the deployment fail ({@link CircuitBreaker#adoptOpening}). */
class CircuitBreakerAdoptionTest {
    private final ManualClock clock = new ManualClock();
    private final List<Transition> seen = new ArrayList<>();
    private final CircuitBreaker b = new CircuitBreaker("p/m", CircuitBreakerConfig.defaults(), clock, seen::add);

    private Instant in(Duration d) {
        return clock.instant().plus(d);
    }

    @Test
    void aClosedBreakerOpensUntilThePeersTimeAndSaysItWasShared() {
        Instant t0 = clock.instant();
        assertThat(b.adoptOpening(in(Duration.ofSeconds(8)))).isTrue();

        assertThat(b.state()).isEqualTo(State.OPEN);
        assertThat(b.allow()).isFalse();
        assertThat(b.tryAcquire()).isEmpty();
        assertThat(b.snapshot().openUntil()).isEqualTo(t0.plusSeconds(8));
        assertThat(seen).containsExactly(new Transition("p/m", State.CLOSED, State.OPEN, t0, Duration.ofSeconds(8), true));

        clock.advance(Duration.ofSeconds(8));
        assertThat(b.state()).isEqualTo(State.HALF_OPEN);
        assertThat(seen.get(1).shared()).isFalse(); // time passing here is this instance's own doing
    }

    @Test
    void anOpenBreakerIsOnlyEverExtended() {
        b.adoptOpening(in(Duration.ofSeconds(10)));
        Instant until = b.snapshot().openUntil();

        assertThat(b.adoptOpening(in(Duration.ofSeconds(3)))).isFalse();
        assertThat(b.snapshot().openUntil()).isEqualTo(until);

        assertThat(b.adoptOpening(in(Duration.ofSeconds(20)))).isTrue();
        assertThat(b.snapshot().openUntil()).isEqualTo(in(Duration.ofSeconds(20)));
        assertThat(seen).hasSize(1); // extending is not a state change
    }

    @Test
    void aPastOrInstantOpeningChangesNothing() {
        assertThat(b.adoptOpening(clock.instant())).isFalse();
        assertThat(b.adoptOpening(clock.instant().minusSeconds(5))).isFalse();
        assertThat(b.state()).isEqualTo(State.CLOSED);
        assertThat(seen).isEmpty();
    }

    @Test
    void aPeersOpeningIsCappedAtThisBreakersLongestOpening() {
        b.adoptOpening(in(Duration.ofDays(365)));
        assertThat(b.snapshot().openUntil()).isEqualTo(in(CircuitBreakerConfig.defaults().openCap()));
    }

    @Test
    void probesAdmittedBeforeTheAdoptedOpeningSayNothingAfterIt() {
        for (int i = 0; i < 5; i++) {
            b.tryAcquire().orElseThrow().onFailure();
        }
        clock.advance(Duration.ofSeconds(5));
        Permit probe = b.tryAcquire().orElseThrow();
        assertThat(probe.probe()).isTrue();

        b.adoptOpening(in(Duration.ofSeconds(30)));
        probe.onSuccess(); // would have closed a half-open breaker

        assertThat(b.state()).isEqualTo(State.OPEN);
    }

    @Test
    void anAdoptedOpeningCountsTowardsTheNextOwnOpeningsLength() {
        b.adoptOpening(in(Duration.ofSeconds(5)));
        clock.advance(Duration.ofSeconds(5));
        b.tryAcquire().orElseThrow().onFailure(); // the half-open probe fails here too

        // second opening in a row: twice the base, as if this instance had opened it first
        assertThat(b.snapshot().openings()).isEqualTo(2);
        assertThat(b.snapshot().openUntil()).isEqualTo(in(Duration.ofSeconds(10)));
        assertThat(seen.getLast()).extracting(Transition::shared).isEqualTo(false);
    }
}
