package dev.switchboard.config;

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
 */
public record GatewayConfig(
        ServerConfig server,
        Map<String, ProviderConfig> providers,
        Map<String, ModelRoute> models,
        DefaultsConfig defaults,
        List<VirtualKeyConfig> keys,
        String store,
        String redis) {

    public GatewayConfig {
        providers = Collections.unmodifiableMap(new LinkedHashMap<>(providers));
        models = Collections.unmodifiableMap(new LinkedHashMap<>(models));
        keys = List.copyOf(keys);
    }
}
