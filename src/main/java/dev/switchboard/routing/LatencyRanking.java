package dev.switchboard.routing;

import java.util.List;

/**
 * Orders candidates by how fast they have recently answered, for {@code strategy: least-latency}. Defined
 * here so routing stays pure; the pipeline implements it over the measured time to first byte.
 */
@FunctionalInterface
public interface LatencyRanking {
    /** Keeps the given order: what least-latency degrades to when nothing is measured. */
    LatencyRanking UNMEASURED = candidates -> candidates;

    /**
     * @param candidates in configured order
     * @return the same candidates, fastest first, with unmeasured ones ahead of all measured ones and ties
     *     in the given order
     */
    List<Candidate> rank(List<Candidate> candidates);
}
