package dev.switchboard.config;

import dev.switchboard.model.Timeouts;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The whole document → {@link GatewayConfig}, delegating each section to its binder. */
final class ConfigBinder {
    private ConfigBinder() {}

    /** @return the config, or null when any problem was reported (the caller throws with all of them) */
    static GatewayConfig bind(Binding b, YamlNode root) {
        if (root == null) {
            b.problem("providers", 0, "no providers configured (the file is empty)");
            return null;
        }
        Fields f = b.fields(root, "", root.line(), "server", "store", "redis", "providers", "models", "defaults", "projects", "keys",
                "pricing");
        if (f == null) {
            return null;
        }
        ServerConfig server = ServerBinder.bind(b, f.entry("server"));
        DefaultsConfig defaults = defaults(b, f);
        Map<String, ProviderConfig> providers = new LinkedHashMap<>();
        Set<String> providerNames = new LinkedHashSet<>();
        boolean providersAbsent = !f.has("providers");
        YamlNode.Mapping providersNode = mapping(b, f, "providers");
        if (providersAbsent || (providersNode != null && providersNode.entries().isEmpty())) {
            b.problem("providers", f.written("providers") ? f.lineOf("providers") : 0, "no providers configured");
        } else if (providersNode != null) {
            for (YamlNode.Entry e : providersNode.entries().values()) {
                providerNames.add(e.key());
                ProviderConfig p = ProviderBinder.bind(b, e, defaults);
                if (p != null) {
                    providers.put(p.name(), p);
                }
            }
        }
        Map<String, ModelRoute> models = new LinkedHashMap<>();
        YamlNode.Mapping modelsNode = mapping(b, f, "models");
        if (modelsNode != null) {
            for (YamlNode.Entry e : modelsNode.entries().values()) {
                ModelRoute route = ModelRouteBinder.bind(b, e, providerNames, providers);
                if (route != null) {
                    models.put(route.name(), route);
                }
            }
        }
        YamlNode.Mapping projectsNode = mapping(b, f, "projects");
        Map<String, ProjectConfig> projects = ProjectBinder.bind(b, projectsNode);
        Set<String> projectNames = projectsNode == null ? Set.of() : projectsNode.entries().keySet();
        List<VirtualKeyConfig> keys = VirtualKeyBinder.bind(b, f.entry("keys"), server.adminKey(), projectNames);
        Map<String, ModelPrice> pricing = PricingBinder.bind(b, mapping(b, f, "pricing"));
        String store = BackendBinder.store(b, f);
        String redis = BackendBinder.redis(b, f);
        if (!b.problems.isEmpty()) {
            return null;
        }
        return new GatewayConfig(server, providers, models, defaults, projects, keys, pricing, store, redis);
    }

    private static DefaultsConfig defaults(Binding b, Fields root) {
        YamlNode.Entry e = root.entry("defaults");
        if (e == null) {
            return DefaultsConfig.DEFAULTS;
        }
        Fields f = b.fields(e.value(), "defaults", e.keyLine(), "timeouts", "affinity_ttl", "resilience");
        if (f == null) {
            return DefaultsConfig.DEFAULTS;
        }
        Timeouts t = TimeoutsBinder.bind(b, f.entry("timeouts"), f.path("timeouts"), Timeouts.DEFAULTS);
        java.time.Duration ttl = f.duration("affinity_ttl", true);
        ResilienceBinder.Bound bound = ResilienceBinder.bind(b, f.entry("resilience"), f.path("resilience"), false);
        ResilienceConfig resilience = ResilienceConfig.DEFAULTS.apply(bound.override());
        if (!ResilienceBinder.check(b, bound, resilience, "")) {
            resilience = ResilienceConfig.DEFAULTS; // reported; providers inherit the built-in values instead
        }
        return new DefaultsConfig(t, ttl == null ? DefaultsConfig.DEFAULT_AFFINITY_TTL : ttl, resilience);
    }

    /** A section that must be a mapping; null when absent or (problem reported) of another shape. */
    private static YamlNode.Mapping mapping(Binding b, Fields root, String key) {
        YamlNode.Entry e = root.entry(key);
        if (e == null) {
            return null;
        }
        if (e.value() instanceof YamlNode.Mapping m) {
            return m;
        }
        b.problem(key, e.keyLine(), "expected a mapping of names to entries, got " + e.value().kind());
        return null;
    }
}
