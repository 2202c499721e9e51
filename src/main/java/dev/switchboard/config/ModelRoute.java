package dev.switchboard.config;

import java.util.List;

/** A name clients may send (exact or glob) and the ordered targets it routes to. */
public record ModelRoute(String name, List<Target> targets, Strategy strategy) {
    public ModelRoute {
        targets = List.copyOf(targets);
    }

    /** @param model the upstream model name sent to the provider */
    public record Target(String provider, String model) {
        @Override
        public String toString() {
            return provider + "/" + model;
        }
    }

    public enum Strategy {
        FAILOVER,
        ROUND_ROBIN,
        WEIGHTED,
        LEAST_LATENCY,
        FILL_FIRST
    }
}
