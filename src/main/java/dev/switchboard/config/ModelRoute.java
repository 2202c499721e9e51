package dev.switchboard.config;

import java.util.List;

/** A name clients may send (exact or glob) and the ordered targets it routes to. */
public record ModelRoute(String name, List<Target> targets, Strategy strategy) {
    public ModelRoute {
        targets = List.copyOf(targets);
    }

    /** @param model the upstream model name sent to the provider */
    public record Target(String provider, String model) {
        /**
         * Splits {@code provider/model} on the first slash: model names may contain slashes themselves
         * ({@code openrouter/anthropic/claude-3} is provider {@code openrouter}, model
         * {@code anthropic/claude-3}).
         *
         * @throws IllegalArgumentException when there is no provider or no model part
         */
        public static Target parse(String spec) {
            String s = spec.strip();
            int slash = s.indexOf('/');
            if (slash <= 0 || slash == s.length() - 1) {
                throw new IllegalArgumentException("target '" + s + "' must be written provider/model");
            }
            return new Target(s.substring(0, slash), s.substring(slash + 1));
        }

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
