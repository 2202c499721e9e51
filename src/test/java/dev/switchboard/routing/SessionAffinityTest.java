package dev.switchboard.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.config.ModelRoute;
import dev.switchboard.config.ModelRoute.Strategy;
import dev.switchboard.config.ModelRoute.Target;
import dev.switchboard.testkit.ManualClock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SessionAffinityTest {
    private static final Candidate A = new Candidate("a", "m");
    private static final Candidate B = new Candidate("b", "m");
    private static final Candidate C = new Candidate("c", "m");

    private final ManualClock clock = new ManualClock();
    private final SessionAffinity affinity = new SessionAffinity(Duration.ofHours(1), 1000, clock::nanoTime);
    private final TargetOrder roundRobin = new TargetOrder(
            new ModelRoute("rr", List.of(new Target("a", "m"), new Target("b", "m"), new Target("c", "m")), Strategy.ROUND_ROBIN),
            new SplittableRandom(1), LatencyRanking.UNMEASURED);

    /** What the pipeline does per request: order, prefer the remembered deployment, answer, remember. */
    private Candidate serve(String session) {
        Route route = new Route("rr", roundRobin.order("rr"), true);
        Candidate affine = affinity.lookup("rr", session);
        if (affine != null) {
            route = SessionAffinity.prefer(route, affine, c -> true);
        }
        Candidate answered = route.candidates().get(0);
        affinity.remember("rr", session, answered);
        return answered;
    }

    @Test
    void theSameSessionStaysOnOneDeploymentWhileDifferentSessionsSpread() {
        Candidate first = serve("s1");
        for (int i = 0; i < 10; i++) {
            assertThat(serve("s1")).isEqualTo(first);
        }
        Set<Candidate> seen = new HashSet<>();
        for (int i = 0; i < 9; i++) {
            seen.add(serve("other-" + i));
        }
        assertThat(seen).containsExactlyInAnyOrder(A, B, C);
        assertThat(serve("s1")).isEqualTo(first);
    }

    @Test
    void anEntryExpiresAfterTheTtlWithoutUseAndUseKeepsItAlive() {
        affinity.remember("rr", "s", B);
        clock.advance(Duration.ofMinutes(50));
        assertThat(affinity.lookup("rr", "s")).isEqualTo(B); // a lookup counts as use
        clock.advance(Duration.ofMinutes(50));
        assertThat(affinity.lookup("rr", "s")).isEqualTo(B);
        clock.advance(Duration.ofMinutes(61));
        assertThat(affinity.lookup("rr", "s")).isNull();
    }

    @Test
    void sessionsAreKeptPerModelName() {
        affinity.remember("rr", "s", B);
        assertThat(affinity.lookup("other", "s")).isNull();
        assertThat(affinity.lookup("rr", "s")).isEqualTo(B);
    }

    @Test
    void theAffineDeploymentGoesFirstAndTheOthersKeepTheirOrder() {
        Route route = new Route("rr", List.of(A, B, C), true);
        assertThat(SessionAffinity.prefer(route, C, c -> true).candidates()).containsExactly(C, A, B);
        assertThat(SessionAffinity.prefer(route, B, c -> true).candidates()).containsExactly(B, A, C);
        assertThat(SessionAffinity.prefer(route, A, c -> true)).isSameAs(route);
    }

    @Test
    void anUnhealthyAffineDeploymentIsSkippedAndTheStrategyOrderStands() {
        Route route = new Route("rr", List.of(A, B, C), true);
        assertThat(SessionAffinity.prefer(route, C, c -> !c.equals(C))).isSameAs(route);
    }

    @Test
    void aDeploymentNoLongerInTheRouteIsIgnored() {
        Route route = new Route("rr", List.of(A, B), true);
        assertThat(SessionAffinity.prefer(route, new Candidate("gone", "m"), c -> true)).isSameAs(route);
    }

    @Test
    void blankAndOverlongSessionsAreNotTracked() {
        String huge = "x".repeat(SessionAffinity.MAX_SESSION_LENGTH + 1);
        affinity.remember("rr", huge, A);
        affinity.remember("rr", "", A);
        assertThat(affinity.lookup("rr", huge)).isNull();
        assertThat(affinity.size()).isZero();
        String longest = "x".repeat(SessionAffinity.MAX_SESSION_LENGTH);
        affinity.remember("rr", longest, A);
        assertThat(affinity.lookup("rr", longest)).isEqualTo(A);
    }

    @Test
    void theTableIsBounded() {
        SessionAffinity small = new SessionAffinity(Duration.ofHours(1), 10, clock::nanoTime);
        for (int i = 0; i < 100; i++) {
            small.remember("rr", "s" + i, A);
        }
        assertThat(small.size()).isLessThanOrEqualTo(10);
    }
}
