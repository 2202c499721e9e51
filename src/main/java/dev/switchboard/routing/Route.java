package dev.switchboard.routing;

import java.util.List;

/** A resolved model name: candidates in the order they are to be tried. */
public record Route(String requestedModel, List<Candidate> candidates) {
    public Route {
        candidates = List.copyOf(candidates);
    }
}
