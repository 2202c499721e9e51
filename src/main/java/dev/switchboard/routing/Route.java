package dev.switchboard.routing;

import java.util.List;

/**
 * A resolved model name: candidates in the order they are to be tried.
 *
 * @param affinity whether a session may pin this route to one deployment (an alias with several targets
 *     and affinity on)
 */
public record Route(String requestedModel, List<Candidate> candidates, boolean affinity) {
    public Route {
        candidates = List.copyOf(candidates);
    }

    public Route(String requestedModel, List<Candidate> candidates) {
        this(requestedModel, candidates, false);
    }
}
