package dev.switchboard.config;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One immutable snapshot of the configuration file. Every component reads settings from the snapshot
 * it was handed, never from a copy of its own, so that a reload is one reference swap.
 *
 * @param providers in file order
 * @param models    aliases in file order
 * @param projects  by name, in file order
 * @param pricing   price overrides by model name, in file order
 * @param store     {@code sqlite:<file>} or {@code postgresql://…}; never null (SQLite by default)
 * @param redis     null when no Redis is configured (limits and cache stay in this instance)
 */
public record GatewayConfig(
        ServerConfig server,
        Map<String, ProviderConfig> providers,
        Map<String, ModelRoute> models,
        DefaultsConfig defaults,
        Map<String, ProjectConfig> projects,
        List<VirtualKeyConfig> keys,
        Map<String, ModelPrice> pricing,
        String store,
        String redis) {

    public GatewayConfig {
        providers = Collections.unmodifiableMap(new LinkedHashMap<>(providers));
        models = Collections.unmodifiableMap(new LinkedHashMap<>(models));
        projects = Collections.unmodifiableMap(new LinkedHashMap<>(projects));
        keys = List.copyOf(keys);
        pricing = Collections.unmodifiableMap(new LinkedHashMap<>(pricing));
        store = store == null ? BackendBinder.DEFAULT_STORE : store;
    }

    /**
     * The store this instance opens when its data lives in {@code dataDir}: a configured store as it is,
     * the embedded default moved into that directory, so that an instance started with its own data
     * directory (a second instance, a benchmark run) keeps its database beside its spool instead of in the
     * working directory's {@code ./data}.
     */
    public String storeIn(Path dataDir) {
        return store.equals(BackendBinder.DEFAULT_STORE) ? "sqlite:" + dataDir.resolve("switchboard.db") : store;
    }

    /** A snapshot without projects or price overrides (tests and tools that build one by hand). */
    public GatewayConfig(
            ServerConfig server, Map<String, ProviderConfig> providers, Map<String, ModelRoute> models,
            DefaultsConfig defaults, List<VirtualKeyConfig> keys, String store, String redis) {
        this(server, providers, models, defaults, Map.of(), keys, Map.of(), store, redis);
    }
}
