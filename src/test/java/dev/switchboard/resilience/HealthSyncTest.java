package dev.switchboard.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.resilience.CircuitBreaker.State;
import dev.switchboard.resilience.KeyPool.KeyState;
import dev.switchboard.resilience.KeyPool.Lease;
import dev.switchboard.testkit.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Two instances' pools and breakers kept in step over a bus, without echoes. */
class HealthSyncTest {
    static final String K1 = "sk-test-111111111111111111";
    static final String K2 = "sk-test-222222222222222222";

    final ManualClock clock = new ManualClock();
    final InMemoryHealthBus bus = new InMemoryHealthBus();

    /** One gateway instance: its sync, one provider "p" with two keys, and its breakers. */
    final class Instance {
        final InMemoryHealthBus.Member channel = bus.join();
        final HealthSync sync = new HealthSync(channel, clock);
        KeyPool pool;
        CircuitBreakerRegistry breakers;

        Instance() {
            snapshot();
            sync.start();
        }

        /** A new config snapshot: fresh pool and breakers, bound to the same sync. */
        void snapshot() {
            pool = new KeyPool(List.of(K1, K2), KeyPool.Config.defaults(), clock, sync.keyListener("p"));
            breakers = new CircuitBreakerRegistry(CircuitBreakerConfig.defaults(), clock, sync.breakerListener());
            sync.bind(Map.of("p", pool)::get, breakers);
        }

        KeyState stateOf(int key) {
            return pool.status().get(key).state();
        }
    }

    @Test
    void aKeyRestOnOneInstanceIsHonouredByTheOtherAndNotEchoed() {
        Instance a = new Instance();
        Instance b = new Instance();

        a.pool.cooldown(K1, Duration.ofSeconds(30));

        assertThat(b.stateOf(0)).isEqualTo(KeyState.COOLING_DOWN);
        assertThat(b.pool.status().get(0).until()).isEqualTo(clock.instant().plusSeconds(30));
        for (int i = 0; i < 4; i++) {
            assertThat(b.pool.lease().map(Lease::key)).hasValue(K2);
        }
        assertThat(bus.published).hasSize(1); // b applied it without publishing it back
        assertThat(b.channel.sent).isEmpty();
        assertThat(bus.published.getFirst().toString()).doesNotContain(K1);

        clock.advance(Duration.ofSeconds(30));
        assertThat(b.stateOf(0)).isEqualTo(KeyState.AVAILABLE);
    }

    @Test
    void aBreakerOpeningIsSharedOnceAndTheOthersOpenToo() {
        Instance a = new Instance();
        Instance b = new Instance();
        Instance c = new Instance();

        for (int i = 0; i < 5; i++) {
            a.breakers.breaker("p/m").tryAcquire().orElseThrow().onFailure();
        }

        assertThat(b.breakers.breaker("p/m").state()).isEqualTo(State.OPEN);
        assertThat(c.breakers.breaker("p/m").state()).isEqualTo(State.OPEN);
        assertThat(b.breakers.breaker("p/m").snapshot().openUntil()).isEqualTo(clock.instant().plusSeconds(5));
        assertThat(bus.published).containsExactly(new HealthEvent.BreakerOpened("p/m", clock.instant().plusSeconds(5)));
    }

    @Test
    void eachInstancesOwnReopeningIsSharedButAdoptedOnesAreNot() {
        Instance a = new Instance();
        Instance b = new Instance();
        for (int i = 0; i < 5; i++) {
            a.breakers.breaker("p/m").tryAcquire().orElseThrow().onFailure();
        }
        clock.advance(Duration.ofSeconds(5));
        // both half-open; b's probe fails first: b's own verdict, shared; a adopts the longer opening
        b.breakers.breaker("p/m").tryAcquire().orElseThrow().onFailure();

        assertThat(bus.published).hasSize(2);
        assertThat(bus.published.getLast()).isEqualTo(new HealthEvent.BreakerOpened("p/m", clock.instant().plusSeconds(10)));
        assertThat(a.breakers.breaker("p/m").state()).isEqualTo(State.OPEN);
        assertThat(a.breakers.breaker("p/m").snapshot().openUntil()).isEqualTo(clock.instant().plusSeconds(10));
        assertThat(a.channel.sent).hasSize(1);
    }

    @Test
    void aNewSnapshotAndALateBindGetTheEventsStillInForce() {
        Instance a = new Instance();
        Instance b = new Instance();
        a.pool.exhausted(K2);
        bus.join(); // a silent third member changes nothing
        a.channel.publish(new HealthEvent.BreakerOpened("p/m", clock.instant().plusSeconds(60)));

        b.snapshot(); // a config reload: new pool and breakers

        assertThat(b.stateOf(1)).isEqualTo(KeyState.EXHAUSTED);
        assertThat(b.breakers.breaker("p/m").state()).isEqualTo(State.OPEN);

        clock.advance(Duration.ofSeconds(61));
        b.snapshot();
        assertThat(b.breakers.breaker("p/m").state()).isEqualTo(State.CLOSED); // expired: not replayed
        assertThat(b.stateOf(1)).isEqualTo(KeyState.EXHAUSTED); // the 1 h rest still holds
    }

    @Test
    void eventsForUnknownProvidersOrPastTimesAreIgnored() {
        Instance b = new Instance();
        Instant later = clock.instant().plusSeconds(30);

        b.sync.apply(new HealthEvent.BreakerOpened("gone/m", later));
        b.sync.apply(new HealthEvent.BreakerOpened("no-slash", later));
        b.sync.apply(new HealthEvent.KeySetAside("gone", KeyFingerprint.of(K1), KeyState.COOLING_DOWN, later, "x"));
        b.sync.apply(new HealthEvent.BreakerOpened("p/m", clock.instant()));

        assertThat(b.breakers.size()).isZero();
        assertThat(b.stateOf(0)).isEqualTo(KeyState.AVAILABLE);
    }

    @Test
    void anEventBeforeTheFirstBindIsAppliedAtTheBind() {
        HealthSync sync = HealthSync.local(clock);
        sync.apply(new HealthEvent.KeySetAside("p", KeyFingerprint.of(K1), KeyState.COOLING_DOWN,
                clock.instant().plusSeconds(9), "rate limited"));
        KeyPool pool = new KeyPool(List.of(K1, K2), KeyPool.Config.defaults(), clock, sync.keyListener("p"));

        sync.bind(Map.of("p", pool)::get, new CircuitBreakerRegistry(CircuitBreakerConfig.defaults(), clock));

        assertThat(pool.status().get(0).state()).isEqualTo(KeyState.COOLING_DOWN);
    }
}
