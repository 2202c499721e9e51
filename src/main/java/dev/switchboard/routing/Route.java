package dev.switchboard.routing;

import dev.switchboard.config.ResilienceConfig;
import java.util.List;
import java.util.Objects;

/**
 * A resolved model name: candidates in the order they are to be tried.
 *
 * @param affinity whether a session may pin this route to one deployment (an alias with several targets
 *     and affinity on)
 * @param alias the {@code models:} entry the name resolved through, or null for {@code provider/model} and
 *     names a provider claims
 * @param resilience the alias's own breaker and retry overrides ({@code ModelRoute.resilience()}: null
 *     fields inherit from the target's provider); {@link ResilienceConfig#INHERIT} when it has none
 */
public record Route(String requestedModel, List<Candidate> candidates, boolean affinity, String alias,
        ResilienceConfig resilience) {
    /** Separates deployment and alias in the id of an alias's own breaker: {@code openai/gpt-4.1 via careful}. */
    public static final String VIA = " via ";

    public Route {
        candidates = List.copyOf(candidates);
        Objects.requireNonNull(resilience, "resilience");
        if (alias == null && resilience != ResilienceConfig.INHERIT && !resilience.inherits()) {
            throw new IllegalArgumentException("only an alias carries resilience overrides");
        }
    }

    public Route(String requestedModel, List<Candidate> candidates, boolean affinity) {
        this(requestedModel, candidates, affinity, null, ResilienceConfig.INHERIT);
    }

    public Route(String requestedModel, List<Candidate> candidates) {
        this(requestedModel, candidates, false);
    }

    /** The same route with its candidates in another order (or another set). */
    public Route withCandidates(List<Candidate> reordered) {
        return new Route(requestedModel, reordered, affinity, alias, resilience);
    }

    /**
     * The id of the circuit breaker that judges calls to {@code c} through this route. Usually the
     * deployment's own ({@code provider/model}), shared by every route to it. An alias with its own
     * breaker settings has its own breakers ({@code provider/model via alias}): its stricter or looser
     * rules then judge its own calls only, and other routes to the same deployment are unaffected.
     */
    public String breakerId(Candidate c) {
        return alias == null || resilience.breaker().equals(ResilienceConfig.Breaker.INHERIT)
                ? c.qualifiedName() : c.qualifiedName() + VIA + alias;
    }
}
