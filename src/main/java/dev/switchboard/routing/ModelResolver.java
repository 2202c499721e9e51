package dev.switchboard.routing;

import dev.switchboard.config.GatewayConfig;
import dev.switchboard.config.ModelRoute;
import dev.switchboard.config.ProviderConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Turns the model name a client sent into ordered candidates, in the order DESIGN.md fixes:
 * an alias (exact, then glob), then {@code provider/model}, then a provider whose model globs claim
 * the name. A target model of {@code *} stands for the name the client sent, so a glob alias can
 * forward a whole family ({@code gpt-*: [openai/*]}).
 */
public final class ModelResolver {
    private final Map<String, ModelRoute> aliases;
    private final List<ModelRoute> globAliases = new ArrayList<>();
    private final Map<String, ProviderConfig> providers;
    private final Map<String, AtomicLong> rotations = new java.util.concurrent.ConcurrentHashMap<>();

    public ModelResolver(GatewayConfig config) {
        this.aliases = config.models();
        this.providers = config.providers();
        for (ModelRoute r : aliases.values()) {
            if (Glob.isGlob(r.name())) {
                globAliases.add(r);
            }
        }
    }

    public Optional<Route> resolve(String model) {
        ModelRoute alias = aliases.get(model);
        if (alias == null) {
            for (ModelRoute r : globAliases) {
                if (Glob.matches(r.name(), model)) {
                    alias = r;
                    break;
                }
            }
        }
        if (alias != null) {
            return Optional.of(new Route(model, order(alias, model)));
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

    private List<Candidate> order(ModelRoute alias, String requested) {
        List<Candidate> list = new ArrayList<>(alias.targets().size());
        for (ModelRoute.Target t : alias.targets()) {
            list.add(new Candidate(t.provider(), "*".equals(t.model()) ? requested : t.model()));
        }
        if (alias.strategy() == ModelRoute.Strategy.ROUND_ROBIN && list.size() > 1) {
            long n = rotations.computeIfAbsent(alias.name(), k -> new AtomicLong()).getAndIncrement();
            java.util.Collections.rotate(list, -(int) Math.floorMod(n, (long) list.size()));
        }
        return list;
    }
}
