package dev.switchboard.routing;

import dev.switchboard.config.GatewayConfig;
import dev.switchboard.config.ModelRoute;
import dev.switchboard.config.ProviderConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/**
 * Turns the model name a client sent into ordered candidates, in the order DESIGN.md fixes:
 * an alias (exact, then glob), then {@code provider/model}, then a provider whose model globs claim
 * the name. A target model of {@code *} stands for the name the client sent, so a glob alias can
 * forward a whole family ({@code gpt-*: [openai/*]}). An alias's targets are ordered by its strategy
 * ({@link TargetOrder}).
 */
public final class ModelResolver {
    /** Each call draws from the calling thread's own generator: no contention between event loops. */
    private static final RandomGenerator THREAD_LOCAL_RANDOM = () -> ThreadLocalRandom.current().nextLong();

    private final Map<String, TargetOrder> aliases = new HashMap<>();
    private final List<TargetOrder> globAliases = new ArrayList<>();
    private final Map<String, ProviderConfig> providers;

    public ModelResolver(GatewayConfig config) {
        this(config, LatencyRanking.UNMEASURED);
    }

    public ModelResolver(GatewayConfig config, LatencyRanking latency) {
        this(config, THREAD_LOCAL_RANDOM, latency);
    }

    /**
     * @param random draws the first target of weighted aliases; called from every event loop, so it must be
     *     thread-safe
     * @param latency ranks the targets of least-latency aliases
     */
    public ModelResolver(GatewayConfig config, RandomGenerator random, LatencyRanking latency) {
        this.providers = config.providers();
        for (ModelRoute r : config.models().values()) {
            TargetOrder order = new TargetOrder(r, random, latency);
            aliases.put(r.name(), order);
            if (Glob.isGlob(r.name())) {
                globAliases.add(order);
            }
        }
    }

    public Optional<Route> resolve(String model) {
        TargetOrder alias = aliases.get(model);
        if (alias == null) {
            for (TargetOrder r : globAliases) {
                if (Glob.matches(r.alias().name(), model)) {
                    alias = r;
                    break;
                }
            }
        }
        if (alias != null) {
            List<Candidate> order = alias.order(model);
            ModelRoute r = alias.alias();
            return Optional.of(new Route(model, order, r.affinity() && order.size() > 1, r.name(), r.resilience()));
        }
        int slash = model.indexOf('/');
        if (slash > 0 && providers.containsKey(model.substring(0, slash)) && slash < model.length() - 1) {
            return Optional.of(new Route(model, List.of(new Candidate(model.substring(0, slash), model.substring(slash + 1)))));
        }
        for (ProviderConfig p : providers.values()) {
            if (Glob.anyMatches(p.models(), model)) {
                return Optional.of(new Route(model, List.of(new Candidate(p.name(), model))));
            }
        }
        return Optional.empty();
    }
}
