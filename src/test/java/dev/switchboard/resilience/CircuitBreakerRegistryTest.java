package dev.switchboard.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.resilience.CircuitBreaker.State;
import dev.switchboard.resilience.CircuitBreaker.Transition;
import dev.switchboard.testkit.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CircuitBreakerRegistryTest {
    private final ManualClock clock = new ManualClock();

    @Test
    void oneBreakerPerDeploymentCreatedOnFirstUse() {
        CircuitBreakerRegistry r = new CircuitBreakerRegistry(CircuitBreakerConfig.defaults(), clock);
        CircuitBreaker a = r.breaker("claude/sonnet/#0");

        assertThat(r.breaker("claude/sonnet/#0")).isSameAs(a);
        assertThat(r.breaker("claude/sonnet/#1")).isNotSameAs(a);
        assertThat(r.size()).isEqualTo(2);
    }

    @Test
    void snapshotsShowEveryBreakerSortedById() {
        CircuitBreakerRegistry r = new CircuitBreakerRegistry(CircuitBreakerConfig.defaults(), clock);
        r.breaker("openai/gpt-4.1/#0");
        CircuitBreaker claude = r.breaker("claude/sonnet/#0");
        for (int i = 0; i < 5; i++) {
            claude.tryAcquire().orElseThrow().onFailure();
        }

        assertThat(r.snapshots()).extracting(CircuitBreaker.Snapshot::id, CircuitBreaker.Snapshot::state)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("claude/sonnet/#0", State.OPEN),
                        org.assertj.core.groups.Tuple.tuple("openai/gpt-4.1/#0", State.CLOSED));
    }

    @Test
    void configCanDifferPerDeploymentAndTheListenerIsShared() {
        List<Transition> seen = new ArrayList<>();
        CircuitBreakerConfig strict = CircuitBreakerConfig.defaults().withConsecutiveFailures(1);
        CircuitBreakerRegistry r = new CircuitBreakerRegistry(
                id -> id.startsWith("local/") ? strict : CircuitBreakerConfig.defaults(), clock, seen::add);

        r.breaker("local/llama/#0").tryAcquire().orElseThrow().onFailure();
        r.breaker("openai/gpt/#0").tryAcquire().orElseThrow().onFailure();

        assertThat(r.breaker("local/llama/#0").state()).isEqualTo(State.OPEN);
        assertThat(r.breaker("openai/gpt/#0").state()).isEqualTo(State.CLOSED);
        assertThat(seen).extracting(Transition::breakerId).containsExactly("local/llama/#0");
    }

    @Test
    void retainOnlyForgetsDeploymentsThatAreGone() {
        CircuitBreakerRegistry r = new CircuitBreakerRegistry(CircuitBreakerConfig.defaults(), clock);
        CircuitBreaker kept = r.breaker("a");
        r.breaker("b");

        r.retainOnly(Set.of("a", "c"));

        assertThat(r.snapshots()).extracting(CircuitBreaker.Snapshot::id).containsExactly("a");
        assertThat(r.breaker("a")).isSameAs(kept);
    }

    @Test
    void anOpenBreakerSurvivesInTheRegistryUntilItsTimeIsUp() {
        CircuitBreakerRegistry r = new CircuitBreakerRegistry(CircuitBreakerConfig.defaults(), clock);
        for (int i = 0; i < 5; i++) {
            r.breaker("x").tryAcquire().orElseThrow().onFailure();
        }
        clock.advance(Duration.ofSeconds(5));
        assertThat(r.snapshots()).singleElement().extracting(CircuitBreaker.Snapshot::state).isEqualTo(State.HALF_OPEN);
    }
}
