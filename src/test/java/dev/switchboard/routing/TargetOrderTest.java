package dev.switchboard.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.config.ModelRoute;
import dev.switchboard.config.ModelRoute.Strategy;
import dev.switchboard.config.ModelRoute.Target;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class TargetOrderTest {
    private static final Candidate A = new Candidate("a", "m");
    private static final Candidate B = new Candidate("b", "m");
    private static final Candidate C = new Candidate("c", "m");

    private static TargetOrder order(Strategy strategy, List<Target> targets, RandomGenerator random, LatencyRanking latency) {
        return new TargetOrder(new ModelRoute("alias", targets, strategy), random, latency);
    }

    private static TargetOrder order(Strategy strategy, Target... targets) {
        return order(strategy, List.of(targets), new SplittableRandom(1), LatencyRanking.UNMEASURED);
    }

    @Test
    void failoverAndFillFirstKeepTheConfiguredOrderEveryTime() {
        for (Strategy s : List.of(Strategy.FAILOVER, Strategy.FILL_FIRST)) {
            TargetOrder o = order(s, new Target("a", "m"), new Target("b", "m"), new Target("c", "m"));
            for (int i = 0; i < 5; i++) {
                assertThat(o.order("alias")).containsExactly(A, B, C);
            }
        }
    }

    @Test
    void roundRobinRotatesTheFirstAndKeepsTheRestAsFallbacks() {
        TargetOrder o = order(Strategy.ROUND_ROBIN, new Target("a", "m"), new Target("b", "m"), new Target("c", "m"));
        assertThat(o.order("alias")).containsExactly(A, B, C);
        assertThat(o.order("alias")).containsExactly(B, C, A);
        assertThat(o.order("alias")).containsExactly(C, A, B);
        assertThat(o.order("alias")).containsExactly(A, B, C);
    }

    @Test
    void aStarTargetStandsForTheRequestedName() {
        TargetOrder o = order(Strategy.FAILOVER, new Target("a", "*"), new Target("b", "fixed"));
        assertThat(o.order("gpt-x")).containsExactly(new Candidate("a", "gpt-x"), new Candidate("b", "fixed"));
    }

    @Test
    void weightedPicksTheFirstInProportionToWeight() {
        TargetOrder o = order(Strategy.WEIGHTED,
                List.of(new Target("a", "m", 6), new Target("b", "m", 3), new Target("c", "m", 1)),
                new SplittableRandom(42), LatencyRanking.UNMEASURED);
        int picks = 100_000;
        Map<Candidate, Integer> firsts = new HashMap<>();
        for (int i = 0; i < picks; i++) {
            firsts.merge(o.order("alias").get(0), 1, Integer::sum);
        }
        assertThat(firsts.get(A) / (double) picks).isCloseTo(0.6, org.assertj.core.data.Offset.offset(0.01));
        assertThat(firsts.get(B) / (double) picks).isCloseTo(0.3, org.assertj.core.data.Offset.offset(0.01));
        assertThat(firsts.get(C) / (double) picks).isCloseTo(0.1, org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void weightedFallbacksFollowByWeightHeaviestFirstTiesInConfiguredOrder() {
        // weights 1, 3, 1: a owns draw 0, b draws 1-3, c draw 4
        TargetOrder o = order(Strategy.WEIGHTED,
                List.of(new Target("a", "m", 1), new Target("b", "m", 3), new Target("c", "m", 1)),
                new FixedDraw(4), LatencyRanking.UNMEASURED);
        assertThat(o.order("alias")).containsExactly(C, B, A);
        TargetOrder first = order(Strategy.WEIGHTED,
                List.of(new Target("a", "m", 1), new Target("b", "m", 3), new Target("c", "m", 1)),
                new FixedDraw(0), LatencyRanking.UNMEASURED);
        assertThat(first.order("alias")).containsExactly(A, B, C);
        TargetOrder boundary = order(Strategy.WEIGHTED,
                List.of(new Target("a", "m", 1), new Target("b", "m", 3), new Target("c", "m", 1)),
                new FixedDraw(1), LatencyRanking.UNMEASURED);
        assertThat(boundary.order("alias")).containsExactly(B, A, C);
    }

    @Test
    void weightedWithEqualWeightsSpreadsEvenly() {
        TargetOrder o = order(Strategy.WEIGHTED, List.of(new Target("a", "m"), new Target("b", "m")),
                new SplittableRandom(7), LatencyRanking.UNMEASURED);
        int a = 0;
        for (int i = 0; i < 20_000; i++) {
            a += o.order("alias").get(0).equals(A) ? 1 : 0;
        }
        assertThat(a / 20_000.0).isCloseTo(0.5, org.assertj.core.data.Offset.offset(0.02));
    }

    @Test
    void leastLatencyOrdersByTheRanking() {
        Map<Candidate, Long> ttfbMillis = Map.of(A, 900L, B, 120L, C, 400L);
        LatencyRanking byMillis = cs -> {
            List<Candidate> sorted = new ArrayList<>(cs);
            sorted.sort(java.util.Comparator.comparingLong(ttfbMillis::get));
            return sorted;
        };
        TargetOrder o = order(Strategy.LEAST_LATENCY,
                List.of(new Target("a", "m"), new Target("b", "m"), new Target("c", "m")),
                new SplittableRandom(1), byMillis);
        assertThat(o.order("alias")).containsExactly(B, C, A);
    }

    @Test
    void leastLatencyWithoutMeasurementsKeepsTheConfiguredOrder() {
        TargetOrder o = order(Strategy.LEAST_LATENCY, new Target("a", "m"), new Target("b", "m"));
        assertThat(o.order("alias")).containsExactly(A, B);
    }

    @Test
    void aSingleTargetNeitherDrawsNorRanks() {
        AtomicInteger calls = new AtomicInteger();
        RandomGenerator counting = () -> {
            calls.incrementAndGet();
            return 0;
        };
        LatencyRanking ranking = cs -> {
            calls.incrementAndGet();
            return cs;
        };
        for (Strategy s : Strategy.values()) {
            assertThat(order(s, List.of(new Target("a", "m", 5)), counting, ranking).order("alias")).containsExactly(A);
        }
        assertThat(calls).hasValue(0);
    }

    /** Returns {@code value} for every bounded draw. */
    private record FixedDraw(long value) implements RandomGenerator {
        @Override
        public long nextLong() {
            return value;
        }

        @Override
        public long nextLong(long bound) {
            return value;
        }
    }
}
