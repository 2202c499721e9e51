package dev.switchboard.routing;

import dev.switchboard.config.ModelRoute;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;

/**
 * The order in which one alias's targets are tried for one request, per its balancing strategy. Built
 * once per alias and config snapshot: weights are summed and sorted up front, so a request costs one
 * array of candidates (and one random draw, one counter increment, or one ranking, by strategy).
 *
 * <ul>
 *   <li>{@code failover} and {@code fill-first}: configured order. They order alike; fill-first names the
 *       intent — keep filling the first target until it fails, then the next.</li>
 *   <li>{@code round-robin}: the first target rotates per request, the rest follow cyclically.</li>
 *   <li>{@code weighted}: the first target is drawn in proportion to its weight; the fallbacks follow by
 *       weight, heaviest first, ties in configured order.</li>
 *   <li>{@code least-latency}: by {@link LatencyRanking}, unmeasured targets first so they get measured.</li>
 * </ul>
 * A target model of {@code *} stands for the name the client sent.
 */
final class TargetOrder {
    private final ModelRoute alias;
    private final ModelRoute.Target[] targets;
    /** Running sums of the weights, for the weighted draw. */
    private final long[] cumulativeWeight;
    /** Target indexes by weight, heaviest first, stable. */
    private final int[] byWeight;
    private final AtomicLong rotation = new AtomicLong();
    private final RandomGenerator random;
    private final LatencyRanking latency;

    TargetOrder(ModelRoute alias, RandomGenerator random, LatencyRanking latency) {
        this.alias = alias;
        this.targets = alias.targets().toArray(ModelRoute.Target[]::new);
        this.random = Objects.requireNonNull(random, "random");
        this.latency = Objects.requireNonNull(latency, "latency");
        this.cumulativeWeight = new long[targets.length];
        long sum = 0;
        for (int i = 0; i < targets.length; i++) {
            sum += targets[i].weight();
            cumulativeWeight[i] = sum;
        }
        Integer[] idx = new Integer[targets.length];
        Arrays.setAll(idx, i -> i);
        Arrays.sort(idx, Comparator.comparingInt((Integer i) -> -targets[i].weight()));
        this.byWeight = Arrays.stream(idx).mapToInt(Integer::intValue).toArray();
    }

    ModelRoute alias() {
        return alias;
    }

    /** @param requested the model name the client sent, for targets written {@code provider/*} */
    List<Candidate> order(String requested) {
        int n = targets.length;
        if (n == 1) {
            return List.of(candidate(0, requested));
        }
        Candidate[] out = new Candidate[n];
        switch (alias.strategy()) {
            case FAILOVER, FILL_FIRST -> {
                for (int i = 0; i < n; i++) {
                    out[i] = candidate(i, requested);
                }
            }
            case ROUND_ROBIN -> {
                int start = (int) Math.floorMod(rotation.getAndIncrement(), (long) n);
                for (int i = 0; i < n; i++) {
                    out[i] = candidate((start + i) % n, requested);
                }
            }
            case WEIGHTED -> {
                int first = pick(random.nextLong(cumulativeWeight[n - 1]));
                out[0] = candidate(first, requested);
                int k = 1;
                for (int i : byWeight) {
                    if (i != first) {
                        out[k++] = candidate(i, requested);
                    }
                }
            }
            case LEAST_LATENCY -> {
                for (int i = 0; i < n; i++) {
                    out[i] = candidate(i, requested);
                }
                List<Candidate> ranked = latency.rank(List.of(out));
                if (ranked.size() != n) {
                    throw new IllegalStateException("latency ranking returned " + ranked.size() + " of " + n + " candidates");
                }
                return ranked;
            }
        }
        return List.of(out);
    }

    /** The target whose weight interval holds {@code r}, 0 ≤ r &lt; total weight. */
    private int pick(long r) {
        int i = Arrays.binarySearch(cumulativeWeight, r);
        // an exact hit on a running sum belongs to the next interval; a miss returns -(insertion point) - 1
        return i >= 0 ? i + 1 : -i - 1;
    }

    private Candidate candidate(int i, String requested) {
        ModelRoute.Target t = targets[i];
        return new Candidate(t.provider(), "*".equals(t.model()) ? requested : t.model());
    }
}
