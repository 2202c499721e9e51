package dev.switchboard.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One entry of {@code models:} → {@link ModelRoute}. Accepted shapes:
 * <pre>
 * smart: { targets: [claude/claude-sonnet-4-5, {provider: openai, model: gpt-4.1}], strategy: failover }
 * spread: { targets: [{provider: a, model: m, weight: 3}, b/m], strategy: weighted, affinity: false }
 * fast: [groq/llama-3.3-70b, openai/gpt-4.1-mini]      # plain list: failover
 * cheap: openrouter/deepseek/deepseek-chat              # one target
 * careful: { targets: [openai/gpt-4.1], resilience: { retry: { max_attempts: 1 } } }
 * </pre>
 */
final class ModelRouteBinder {
    private ModelRouteBinder() {}

    /**
     * @param providers every name under {@code providers:}, valid or not, so a bad provider is reported once
     * @param bound the providers that bound without problems, for checking the route's overrides over theirs
     */
    static ModelRoute bind(Binding b, YamlNode.Entry entry, Set<String> providers, Map<String, ProviderConfig> bound) {
        String alias = entry.key();
        String path = ConfigPath.child("models", alias);
        int problemsBefore = b.problems.size();
        if (alias.isBlank() || alias.chars().anyMatch(c -> c <= ' ')) {
            b.problem(path, entry.keyLine(), "model name must not be empty or contain whitespace");
        }
        ModelRoute.Strategy strategy = ModelRoute.Strategy.FAILOVER;
        boolean affinity = true;
        List<ModelRoute.Target> targets;
        ResilienceConfig resilience = ResilienceConfig.INHERIT;
        if (entry.value() instanceof YamlNode.Mapping) {
            Fields f = b.fields(entry.value(), path, entry.keyLine(), "targets", "strategy", "affinity", "resilience");
            YamlNode.Entry t = f.entry("targets");
            targets = targets(b, t == null ? null : t.value(), f.path("targets"), entry.keyLine(), providers);
            ModelRoute.Strategy s = f.choice("strategy", ModelRoute.Strategy.class);
            strategy = s != null ? s : strategy;
            Boolean a = f.bool("affinity");
            affinity = a != null ? a : affinity;
            ResilienceBinder.Bound r = ResilienceBinder.bind(b, f.entry("resilience"), f.path("resilience"), true);
            resilience = r.override();
            Set<String> targetProviders = new LinkedHashSet<>();
            targets.forEach(target -> targetProviders.add(target.provider()));
            for (String provider : targetProviders) { // one problem per route is enough
                ProviderConfig p = bound.get(provider);
                if (p != null && !ResilienceBinder.check(b, r, p.resilience().apply(resilience),
                        " (inherited from provider " + provider + ")")) {
                    break;
                }
            }
        } else {
            YamlNode node = YamlNode.isNull(entry.value()) ? null : entry.value();
            targets = targets(b, node, path, entry.keyLine(), providers);
        }
        if (b.problems.size() > problemsBefore) {
            return null;
        }
        return new ModelRoute(alias, targets, strategy, affinity, resilience);
    }

    private static List<ModelRoute.Target> targets(
            Binding b, YamlNode node, String path, int line, Set<String> providers) {
        List<ModelRoute.Target> targets = new ArrayList<>();
        if (node == null) {
            b.problem(path, line, "needs at least one target (provider/model)");
            return targets;
        }
        List<Binding.Item> items = b.items(node, path, true);
        if (items == null) {
            return targets;
        }
        if (items.isEmpty()) {
            b.problem(path, line, "needs at least one target (provider/model)");
        }
        for (Binding.Item item : items) {
            ModelRoute.Target t = target(b, item, providers);
            if (t != null) {
                targets.add(t);
            }
        }
        return targets;
    }

    private static ModelRoute.Target target(Binding b, Binding.Item item, Set<String> providers) {
        ModelRoute.Target target;
        if (item.node() instanceof YamlNode.Mapping) {
            Fields f = b.fields(item.node(), item.path(), item.node().line(), "provider", "model", "weight");
            String provider = f.string("provider");
            String model = f.string("model");
            boolean weightWritten = f.has("weight");
            Integer weight = f.integer("weight", 1, ModelRoute.Target.MAX_WEIGHT);
            if (weightWritten && weight == null) {
                return null; // reported by integer()
            }
            if (provider == null || provider.isBlank()) {
                b.problem(f.path("provider"), f.lineOf("provider"), "missing provider");
            }
            if (model == null || model.isBlank()) {
                b.problem(f.path("model"), f.lineOf("model"), "missing model");
            }
            if (provider == null || provider.isBlank() || model == null || model.isBlank()) {
                return null;
            }
            target = new ModelRoute.Target(provider.strip(), model.strip(), weight == null ? 1 : weight);
        } else if (YamlNode.isNull(item.node())) {
            b.problem(item.path(), item.node().line(), "empty target");
            return null;
        } else {
            Binding.Text t = b.text(item.node(), item.path());
            if (t == null) {
                return null;
            }
            try {
                target = ModelRoute.Target.parse(t.value());
            } catch (IllegalArgumentException e) {
                b.problem(item.path(), t.line(), e.getMessage());
                return null;
            }
        }
        if (!providers.contains(target.provider())) {
            b.problem(item.path(), item.node().line(), "unknown provider '" + target.provider() + "'"
                    + (providers.isEmpty() ? "" : " (configured: " + String.join(", ", providers) + ")"));
            return null;
        }
        return target;
    }
}
